import { controlClass, describedBy, HintAndError } from "@/app/_components/form-controls";
import {
  SEARCH_ORDERS,
  type SearchErrors,
  type SearchForm as FormValues,
} from "@/lib/search/query";
import type { ForumChoice } from "@/lib/forum/forum-choices";

const Q_HINT = "Put “quotes” around a phrase; -word leaves a word out.";
const labelClass = "block text-sm font-semibold text-slate-800";

function Control({
  name,
  label,
  error,
  hint,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={`field-${name}`} className={labelClass}>
        {label}
      </label>
      {children}
      <HintAndError id={`field-${name}`} error={error} hint={hint} />
    </div>
  );
}

const fieldProps = (name: string, error?: string, hint?: string) => ({
  id: `field-${name}`,
  name,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": describedBy(`field-${name}`, error, hint),
  className: controlClass,
});

/** A GET form: every search has an address to share, and it works without JavaScript. */
export function SearchForm({
  form,
  errors,
  forums,
}: {
  form: FormValues;
  errors: SearchErrors;
  forums: ForumChoice[];
}) {
  const categories = [...new Set(forums.map((f) => f.category))];
  const narrowed = Boolean(
    form.forum ||
    form.member ||
    form.from ||
    form.to ||
    errors.forum ||
    errors.member ||
    errors.from ||
    errors.to,
  );
  return (
    <form
      method="get"
      action="/search"
      role="search"
      className="space-y-4 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
    >
      <div className="space-y-1">
        <label htmlFor="field-q" className={labelClass}>
          Search
        </label>
        <div className="flex gap-2">
          <input type="search" defaultValue={form.q} {...fieldProps("q", errors.q, Q_HINT)} />
          <button
            type="submit"
            className="shrink-0 rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Search
          </button>
        </div>
        <HintAndError id="field-q" error={errors.q} hint={Q_HINT} />
      </div>
      {/* Folded once there are results to read (on a phone the filters would fill the first screen),
          unless a filter is in use or wrong. */}
      <details open={!form.q || narrowed}>
        <summary className="cursor-pointer text-sm font-semibold text-slate-600">
          Narrow the search{narrowed ? " (filters in use)" : ""}
        </summary>
        <fieldset className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="sr-only">Narrow the search</legend>
          <Control name="forum" label="Forum" error={errors.forum}>
            <select defaultValue={form.forum} {...fieldProps("forum", errors.forum)}>
              <option value="">All forums</option>
              {categories.map((category) => (
                <optgroup key={category} label={category}>
                  {forums
                    .filter((f) => f.category === category)
                    .map((f) => (
                      <option key={f.slug} value={f.slug}>
                        {f.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Control>
          <Control name="member" label="Posted by member" error={errors.member}>
            <input
              type="text"
              defaultValue={form.member}
              autoComplete="off"
              {...fieldProps("member", errors.member)}
            />
          </Control>
          <Control name="from" label="Posted from" error={errors.from}>
            <input type="date" defaultValue={form.from} {...fieldProps("from", errors.from)} />
          </Control>
          <Control name="to" label="Posted until" error={errors.to}>
            <input type="date" defaultValue={form.to} {...fieldProps("to", errors.to)} />
          </Control>
        </fieldset>
      </details>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="flex items-center gap-2">
          <input
            id="field-titles"
            name="titles"
            value="1"
            type="checkbox"
            defaultChecked={form.titles}
            className="size-4 accent-brand-700"
          />
          <label htmlFor="field-titles" className="text-sm text-slate-800">
            Titles only
          </label>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="field-order" className="text-sm font-semibold text-slate-800">
            Order
          </label>
          <select
            id="field-order"
            name="order"
            defaultValue={form.order}
            aria-invalid={errors.order ? true : undefined}
            className="rounded border border-slate-300 bg-surface px-2 py-1 text-base"
          >
            {SEARCH_ORDERS.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </form>
  );
}
