"use client";

import { useEffect, useState } from "react";
import { COLOR_SCHEME_PATH, choiceOf, storedScheme } from "@/lib/theme/color-scheme";
import type { ColorSchemeChoice } from "@/lib/theme/color-scheme";
import { updatePersonal, usePersonal } from "../personal/store";
import { sendJson } from "@/app/threads/[slug]/_components/send-json";
import { setColorSchemeChoice, useColorSchemeChoice } from "./color-scheme-store";

const OPTIONS: { choice: ColorSchemeChoice; label: string; icon: React.ReactNode }[] = [
  {
    choice: "light",
    label: "Light",
    icon: (
      <path d="M10 6.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7ZM9.25 1.5h1.5v3h-1.5zm0 14h1.5v3h-1.5zM1.5 9.25h3v1.5h-3zm14 0h3v1.5h-3zM3.46 4.52l1.06-1.06 2.12 2.12-1.06 1.06zm9.9 9.9 1.06-1.06 2.12 2.12-1.06 1.06zM3.46 15.48l2.12-2.12 1.06 1.06-2.12 2.12zm9.9-9.9 2.12-2.12 1.06 1.06-2.12 2.12z" />
    ),
  },
  {
    choice: "dark",
    label: "Dark",
    icon: <path d="M8.5 2.2a8 8 0 1 0 9.3 9.3A6.5 6.5 0 0 1 8.5 2.2Z" />,
  },
  {
    choice: "system",
    label: "System",
    icon: (
      <path d="M2 4a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-5.5v1.5H14V17H6v-1.5h2.5V14H3a1 1 0 0 1-1-1V4Zm1.5.5v8h13v-8h-13Z" />
    ),
  },
];

/** Light, dark, or as the device prefers. A guest's choice stays in this browser; a member's is also
 * saved on their account and comes back with the personal answer on their other devices. */
export function ColorSchemeToggle() {
  const choice = useColorSchemeChoice();
  const answer = usePersonal();
  const [error, setError] = useState<string | null>(null);
  const memberChoice = answer?.viewer ? choiceOf(answer.colorScheme) : null;

  // A member's saved choice wins over what this browser last kept.
  useEffect(() => {
    if (memberChoice) setColorSchemeChoice(memberChoice);
  }, [memberChoice]);

  const choose = async (next: ColorSchemeChoice) => {
    setColorSchemeChoice(next);
    if (!answer?.viewer) return;
    updatePersonal((current) => ({ ...current, colorScheme: storedScheme(next) }));
    const saved = await sendJson<{ colorScheme: unknown }>(COLOR_SCHEME_PATH, { scheme: next });
    setError(saved.ok ? null : saved.error);
  };

  return (
    <div role="group" aria-label="Colour scheme" className="flex items-center gap-0.5">
      {OPTIONS.map((option) => (
        <button
          key={option.choice}
          type="button"
          aria-pressed={choice === option.choice}
          onClick={() => void choose(option.choice)}
          title={error ?? option.label}
          className="inline-flex size-8 cursor-pointer items-center justify-center rounded text-white/85 hover:bg-white/15 hover:text-white aria-pressed:bg-white/20 aria-pressed:text-white"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 fill-current">
            {option.icon}
          </svg>
          <span className="sr-only">{option.label}</span>
        </button>
      ))}
    </div>
  );
}
