"use client";

// The formatting toolbar: one Tab stop (roving tabindex); arrow keys, Home and End move between the
// tools and the Smilies button.
import { useRef, useState, useSyncExternalStore } from "react";
import {
  insertBlockQuote,
  insertCode,
  insertImageLink,
  insertLink,
  insertSpoiler,
  toggleBold,
  toggleItalic,
  toggleList,
  type EditorCommand,
} from "@/lib/markup/editor-commands";
import {
  BlockQuoteIcon,
  BoldIcon,
  CodeIcon,
  ImageIcon,
  ItalicIcon,
  LinkIcon,
  ListIcon,
  SpoilerIcon,
} from "./icons";
import { SmilieMenu } from "./smilie-menu";
import { toolButtonClass } from "./toolbar-styles";

interface Tool {
  label: string;
  command: EditorCommand;
  icon: React.ReactNode;
  shortcut?: string;
}

const TOOLS: Tool[] = [
  { label: "Bold", command: toggleBold, icon: <BoldIcon />, shortcut: "B" },
  { label: "Italic", command: toggleItalic, icon: <ItalicIcon />, shortcut: "I" },
  { label: "Link", command: insertLink, icon: <LinkIcon /> },
  { label: "Image link", command: insertImageLink, icon: <ImageIcon /> },
  { label: "List", command: toggleList, icon: <ListIcon /> },
  { label: "Block quote", command: insertBlockQuote, icon: <BlockQuoteIcon /> },
  { label: "Code", command: insertCode, icon: <CodeIcon /> },
  { label: "Spoiler", command: insertSpoiler, icon: <SpoilerIcon /> },
];
/** The roving focus covers the tools and then the Smilies button. */
const SMILIES_INDEX = TOOLS.length;

// Shortcut hints name ⌘ on Apple devices. Known only in the browser: the server (and hydration) say
// Ctrl+, then the browser's answer replaces it.
const isApple = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const noSubscription = () => () => {};
const notApple = () => false;

export function Toolbar({
  controls,
  disabled,
  onCommand,
  onSmilie,
}: {
  /** The textarea's id. */
  controls: string;
  disabled: boolean;
  onCommand: (command: EditorCommand) => void;
  onSmilie: (code: string) => void;
}) {
  const [active, setActive] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const apple = useSyncExternalStore(noSubscription, isApple, notApple);
  const shortcutPrefix = apple ? "⌘" : "Ctrl+";

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const last = SMILIES_INDEX;
    const moves: Record<string, number> = {
      ArrowRight: active >= last ? 0 : active + 1,
      ArrowLeft: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    // Keys pressed inside the smilie grid are its own.
    if (next === undefined || !buttons.current.includes(event.target as HTMLButtonElement)) return;
    event.preventDefault();
    setActive(next);
    buttons.current[next]?.focus();
  }

  return (
    <div className="relative rounded-t border-b border-slate-200 bg-slate-50 p-1">
      <div
        role="toolbar"
        aria-label="Formatting"
        aria-controls={controls}
        onKeyDown={onKeyDown}
        className="flex flex-wrap items-center gap-0.5"
      >
        {TOOLS.map((tool, index) => (
          <button
            key={tool.label}
            ref={(node) => {
              buttons.current[index] = node;
            }}
            type="button"
            aria-label={tool.label}
            title={tool.shortcut ? `${tool.label} (${shortcutPrefix}${tool.shortcut})` : tool.label}
            aria-keyshortcuts={
              tool.shortcut ? `Control+${tool.shortcut} Meta+${tool.shortcut}` : undefined
            }
            tabIndex={active === index ? 0 : -1}
            disabled={disabled}
            onFocus={() => setActive(index)}
            // Keep the textarea's selection: the button does not take focus from it on click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onCommand(tool.command)}
            className={toolButtonClass}
          >
            {tool.icon}
          </button>
        ))}
        <SmilieMenu
          onPick={onSmilie}
          disabled={disabled}
          tabIndex={active === SMILIES_INDEX ? 0 : -1}
          onFocus={() => setActive(SMILIES_INDEX)}
          buttonRef={(node) => {
            buttons.current[SMILIES_INDEX] = node;
          }}
        />
      </div>
    </div>
  );
}
