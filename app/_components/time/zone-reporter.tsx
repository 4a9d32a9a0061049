"use client";

// A signed-in member with no zone stored yet: their browser's zone is sent once and kept, so their
// other devices and the account page show it. A zone they chose is never replaced (the server
// stores it only while none is set).
import { useEffect } from "react";
import { updatePersonal, usePersonal } from "../personal/store";
import { rememberTimeZoneAction } from "./actions";
import { browserZone } from "./reader-zone";

let sent = false;

export function ZoneReporter() {
  const viewer = usePersonal()?.viewer;
  const missing = viewer !== undefined && viewer !== null && viewer.timeZone === null;
  useEffect(() => {
    if (!missing || sent) return;
    sent = true;
    void rememberTimeZoneAction(browserZone()).then((timeZone) => {
      if (timeZone)
        updatePersonal((current) =>
          current.viewer ? { ...current, viewer: { ...current.viewer, timeZone } } : current,
        );
    });
  }, [missing]);
  return null;
}
