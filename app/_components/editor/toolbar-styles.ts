// Shared classes for the editor's buttons: 36px square touch targets, like the rest of the forms' controls.
export const toolButtonClass =
  "inline-flex size-9 shrink-0 items-center justify-center rounded text-slate-700 hover:bg-slate-200 hover:text-slate-900 disabled:pointer-events-none disabled:opacity-40";
