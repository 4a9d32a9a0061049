// The browser's colour-scheme choice: kept in localStorage (the head script reads it before the first
// paint, lib/theme/scheme-script.ts) and drawn as <html data-theme>. Other tabs follow through the
// storage event.
import { useSyncExternalStore } from "react";
import {
  COLOR_SCHEME_CHOICES,
  COLOR_SCHEME_STORAGE_KEY,
  type ColorSchemeChoice,
} from "@/lib/theme/color-scheme";

const listeners = new Set<() => void>();
const DARK_QUERY = "(prefers-color-scheme: dark)";

function read(): ColorSchemeChoice {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(COLOR_SCHEME_STORAGE_KEY);
  } catch {
    // Storage refused (a privacy mode): the device decides.
  }
  return COLOR_SCHEME_CHOICES.find((choice) => choice === stored) ?? "system";
}

/** Puts the scheme the choice means on <html>, as the head script did on load. */
export function applyColorScheme(choice: ColorSchemeChoice = read()) {
  const dark = choice === "dark" || (choice === "system" && matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

export function setColorSchemeChoice(choice: ColorSchemeChoice) {
  try {
    if (choice === "system") localStorage.removeItem(COLOR_SCHEME_STORAGE_KEY);
    else localStorage.setItem(COLOR_SCHEME_STORAGE_KEY, choice);
  } catch {
    // Not kept past this page, but shown now.
  }
  applyColorScheme(choice);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== COLOR_SCHEME_STORAGE_KEY) return;
    applyColorScheme();
    listener();
  };
  // "System" follows the device when it switches (at sunset, say) while the page is open.
  const media = matchMedia(DARK_QUERY);
  const onMedia = () => applyColorScheme();
  window.addEventListener("storage", onStorage);
  media.addEventListener("change", onMedia);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
    media.removeEventListener("change", onMedia);
  };
}

/** The choice, or null on the server and before hydration (the page is the same for everyone). */
export function useColorSchemeChoice(): ColorSchemeChoice | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
