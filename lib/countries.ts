// Country names come from i18n-iso-countries and flag artwork from country-flag-icons: no
// hand-typed lists. Codes are ISO 3166-1 alpha-2, upper case.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import * as flags from "country-flag-icons/string/3x2";

countries.registerLocale(en);

function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  return countries.getName(code.toUpperCase(), "en", { select: "official" }) ?? null;
}

/** Short, familiar names for display ("United States" rather than "United States of America"). */
export function countryShortName(code: string | null | undefined): string | null {
  if (!code) return null;
  return countries.getName(code.toUpperCase(), "en", { select: "alias" }) ?? countryName(code);
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** Every ISO 3166-1 country, sorted by name, for pickers. */
export function allCountries(): { code: string; name: string }[] {
  return Object.entries(countries.getNames("en", { select: "official" }))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
}

export function flagSvg(code: string): string | null {
  const svg = (flags as Record<string, string | undefined>)[code.toUpperCase()];
  return typeof svg === "string" ? svg : null;
}
