// What sits under the editor: the restored-draft notice, "Insert quotes", the character counter
// (shown near the limit) and the messages (the textarea points at the counter and the error).
import { MESSAGE_COUNT_FROM, MESSAGE_MAX } from "@/lib/markup/editor-commands";

export const showsCount = (length: number) => length > MESSAGE_COUNT_FROM;
export const overLimit = (length: number) => length > MESSAGE_MAX;

export function EditorFooter({
  length,
  countId,
  errorId,
  error,
  draftRestored,
  onDiscardDraft,
  quotes,
}: {
  length: number;
  countId: string;
  errorId: string;
  error: string | undefined;
  draftRestored: boolean;
  onDiscardDraft: () => void;
  quotes: { count: number; quoting: boolean; error: string | null; insertSelected: () => void };
}) {
  const showCount = showsCount(length);
  return (
    <>
      {(showCount || draftRestored || quotes.count > 0) && (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {draftRestored && (
            <p className="flex items-center gap-2 text-xs text-slate-600">
              Restored your unsent draft.
              <button
                type="button"
                onClick={onDiscardDraft}
                className="min-h-9 rounded px-1 font-semibold text-link underline-offset-2 hover:underline"
              >
                Discard draft
              </button>
            </p>
          )}
          {quotes.count > 0 && (
            <button
              type="button"
              onClick={quotes.insertSelected}
              disabled={quotes.quoting}
              className="inline-flex min-h-9 items-center rounded border border-brand-600 bg-brand-50 px-3 text-sm font-semibold text-link hover:bg-brand-100 disabled:opacity-60"
            >
              Insert quotes ({quotes.count})
            </button>
          )}
          {showCount && (
            <p
              id={countId}
              className={`ml-auto text-xs tabular-nums ${overLimit(length) ? "font-semibold text-red-700" : "text-slate-600"}`}
            >
              {length.toLocaleString("en-US")} / {MESSAGE_MAX.toLocaleString("en-US")}
            </p>
          )}
        </div>
      )}

      {quotes.error && (
        <p role="alert" className="text-sm text-red-700">
          {quotes.error}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
