"use client";

// "Warn" in a post's staff tools: a small form (reason, points, expiry) that opens below the post
// header. The server decides (lib/moderation/warnings.ts); reaching the points limit bans, and the
// answer says so. A success redraws the page, where the post then shows its warning.
import { REASON, WARNING_POINTS } from "@/lib/limits/sizes";
import {
  WARNING_EXPIRY_CHOICES,
  WARNING_EXPIRY_DEFAULT_DAYS,
} from "@/lib/moderation/warning-choices";
import { reloadPersonal } from "@/app/_components/personal/store";
import { warnAction } from "./actions";
import { Answer, buttonStyle, inputStyle, labelStyle } from "./ui";
import { usePanels } from "./use-panels";

export function WarnTool({
  postId,
  position,
  authorName,
  warned,
}: {
  postId: number;
  position: number;
  authorName: string;
  /** Warned already: no second warning, but the answer to the one just given stays shown. */
  warned: boolean;
}) {
  // The notice's reason comes from the personal answer, which the page's redraw does not ask again.
  const panels = usePanels<"warn">(warnAction, () => void reloadPersonal());
  const { state, pending, submit } = panels;
  const open = panels.open === "warn";
  const answer = panels.answer;
  const invalid = (field: string) =>
    (state.status === "error" && state.field === field) || undefined;
  const close = () => {
    panels.close();
    panels.dismissAnswer();
  };
  const id = panels.id;

  return (
    <div className="contents">
      {!warned && (
        <button
          type="button"
          {...panels.toggle("warn")}
          onClick={(event) => {
            panels.dismissAnswer();
            panels.toggle("warn").onClick(event);
          }}
          className={`${buttonStyle.quiet} aria-expanded:bg-amber-50 aria-expanded:text-amber-900`}
        >
          Warn
        </button>
      )}
      {((open && !warned) || answer) && (
        <div
          className="order-last basis-full space-y-2 rounded border border-amber-200 bg-amber-50 p-3 text-left text-slate-900"
          onKeyDown={(event) => {
            if (event.key === "Escape") close();
          }}
        >
          {open && !warned && (
            <form id={panels.panelId("warn")} onSubmit={submit} className="space-y-2">
              <input type="hidden" name="postId" value={postId} />
              <p className="text-sm font-semibold">
                Warn {authorName} for post #{position}
              </p>
              <div className="space-y-1">
                <label htmlFor={`${id}-reason`} className={labelStyle}>
                  Reason
                </label>
                <input
                  id={`${id}-reason`}
                  name="reason"
                  required
                  maxLength={REASON.max}
                  autoComplete="off"
                  autoFocus
                  aria-invalid={invalid("reason")}
                  aria-describedby={`${id}-reason-hint`}
                  className={inputStyle}
                />
                <p id={`${id}-reason-hint`} className="text-xs text-slate-600">
                  {authorName} and the staff see it; everyone else sees only that the post was
                  warned.
                </p>
              </div>
              <div className="flex flex-wrap gap-3">
                <div className="w-28 space-y-1">
                  <label htmlFor={`${id}-points`} className={labelStyle}>
                    Points
                  </label>
                  <input
                    id={`${id}-points`}
                    name="points"
                    type="number"
                    inputMode="numeric"
                    min={WARNING_POINTS.min}
                    max={WARNING_POINTS.max}
                    defaultValue={1}
                    required
                    aria-invalid={invalid("points")}
                    className={inputStyle}
                  />
                </div>
                <div className="min-w-40 flex-1 space-y-1">
                  <label htmlFor={`${id}-expiry`} className={labelStyle}>
                    Points expire
                  </label>
                  <select
                    id={`${id}-expiry`}
                    name="expiresInDays"
                    defaultValue={WARNING_EXPIRY_DEFAULT_DAYS}
                    aria-invalid={invalid("expiresInDays")}
                    className={inputStyle}
                  >
                    {WARNING_EXPIRY_CHOICES.map(([days, label]) => (
                      <option key={days} value={days}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div className="flex flex-wrap gap-2">
                <button type="submit" disabled={pending} className={buttonStyle.primary}>
                  Warn {authorName}
                </button>
                <button type="button" onClick={close} className={buttonStyle.quiet}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {answer && <Answer state={state} />}
          {!open && (
            <button type="button" onClick={close} className={buttonStyle.quiet}>
              Close
            </button>
          )}
        </div>
      )}
    </div>
  );
}
