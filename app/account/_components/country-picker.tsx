"use client";

import { useId, useMemo, useRef, useState } from "react";
import getUnicodeFlagIcon from "country-flag-icons/unicode";
import { controlClass, describedBy, HintAndError } from "@/app/_components/form-controls";
import { flagUrl } from "@/lib/urls";

export interface CountryOption {
  code: string;
  name: string;
  /** A shorter everyday name when there is one ("United States"), also searched. */
  alias: string | null;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

/**
 * A native select of every country, narrowed by a search box: keyboard- and phone-friendly as it is.
 * Enter in the search box picks the first match; the chosen country's flag is previewed beside it.
 */
export function CountryPicker({
  countries,
  defaultCode,
  error,
}: {
  countries: CountryOption[];
  defaultCode: string | null;
  error?: string;
}) {
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(defaultCode ?? "");
  const select = useRef<HTMLSelectElement>(null);
  const statusId = useId();
  const id = "field-countryCode";

  const searchable = useMemo(
    () => countries.map((c) => ({ ...c, key: fold(`${c.code} ${c.name} ${c.alias ?? ""}`) })),
    [countries],
  );
  const folded = fold(query);
  const matches = folded ? searchable.filter((c) => c.key.includes(folded)) : searchable;
  const chosen = countries.find((c) => c.code === selected) ?? null;
  // The chosen country stays listed whatever the search, so the select never changes by itself.
  const listed =
    chosen && !matches.some((c) => c.code === chosen.code) ? [chosen, ...matches] : matches;

  const pick = (code: string) => {
    setSelected(code);
    if (select.current) select.current.value = code;
  };

  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-search`} className="block text-sm font-semibold text-slate-800">
        Search countries
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            // Enter here chooses, it does not submit the whole form.
            e.preventDefault();
            const first = folded ? matches[0] : undefined;
            if (first) pick(first.code);
            select.current?.focus();
          } else if (e.key === "ArrowDown") {
            e.preventDefault();
            select.current?.focus();
          }
        }}
        aria-describedby={statusId}
        autoComplete="off"
        placeholder="Name or code, then Enter"
        className={controlClass}
      />
      <p id={statusId} aria-live="polite" className="text-xs text-slate-500">
        {folded
          ? matches.length === 1
            ? "1 country matches."
            : `${matches.length} countries match.`
          : `${countries.length} countries.`}
      </p>
      <label htmlFor={id} className="block pt-2 text-sm font-semibold text-slate-800">
        Country
      </label>
      <div className="flex items-center gap-3">
        <select
          ref={select}
          id={id}
          name="countryCode"
          defaultValue={defaultCode ?? ""}
          onChange={(e) => setSelected(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error)}
          className={`${controlClass} min-w-0 flex-1`}
        >
          <option value="">None</option>
          {listed.map((c) => (
            <option key={c.code} value={c.code}>
              {`${getUnicodeFlagIcon(c.code)} ${c.name}`}
            </option>
          ))}
        </select>
        {chosen ? (
          // eslint-disable-next-line @next/next/no-img-element -- tiny static SVGs
          <img
            src={flagUrl(chosen.code)}
            alt={chosen.name}
            title={chosen.name}
            width={36}
            height={24}
            className="shrink-0 rounded-[2px] shadow-sm ring-1 ring-black/10"
          />
        ) : (
          <span
            aria-hidden="true"
            className="inline-block h-6 w-9 shrink-0 rounded-[2px] border border-dashed border-slate-300"
          />
        )}
      </div>
      <HintAndError id={id} error={error} />
    </div>
  );
}
