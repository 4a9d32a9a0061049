"use client";

// A <time> shown in the reader's zone once the browser knows it. Until then (on the server, during
// hydration, and for a member until their personal answer arrives) it shows the server's UTC text.
// The width that text took is kept as the element's minimum, so switching to the local text (no
// longer than it: same format, no zone name) moves nothing around it.
import { useLayoutEffect, useRef } from "react";
import { formatFull, formatWhen, type WhenStyle } from "@/lib/time/when";
import { useNow, useReaderZone } from "./reader-zone";

export function LocalisedTime({
  iso,
  style,
  fallback,
  fallbackTitle,
  className = "",
}: {
  iso: string;
  style: WhenStyle;
  fallback: string;
  fallbackTitle: string;
  className?: string;
}) {
  const zone = useReaderZone();
  const now = useNow();
  const ref = useRef<HTMLTimeElement>(null);
  useLayoutEffect(() => {
    // Runs in the commit that first drew the element, before a zone that arrived since redraws it.
    const element = ref.current;
    if (element) element.style.minWidth = `${element.getBoundingClientRect().width}px`;
  }, []);
  const at = new Date(iso);
  return (
    <time
      ref={ref}
      dateTime={iso}
      title={zone ? formatFull(at, zone, true) : fallbackTitle}
      className={`inline-block ${className}`}
      data-zone={zone ?? "UTC"}
    >
      {zone && now !== null
        ? formatWhen(at, { now: new Date(now), timeZone: zone, style })
        : fallback}
    </time>
  );
}
