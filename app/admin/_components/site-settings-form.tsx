"use client";

// The site settings form: one submit checks every field and shows each mistake beside its field,
// keeping what was typed.
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass, describedBy, HintAndError } from "@/app/_components/form-controls";
import {
  APPROVAL_MAX,
  SITE_DESCRIPTION,
  SITE_NAME,
  WARNING_BAN_DAYS,
  WARNING_BAN_POINTS,
} from "@/lib/limits/sizes";
import { saveSiteSettingsAction, type SettingsFormState } from "../actions";

const IDLE: SettingsFormState = { status: "idle", message: "", seq: 0 };

export interface SiteSettingsValues {
  name: string;
  description: string;
  registration: "open" | "closed" | "approval";
  approvalCount: number;
  timeZone: string;
  warningBanPoints: number;
  warningBanDays: number;
}

const REGISTRATION = [
  { value: "open", label: "Open: anyone may sign up" },
  { value: "approval", label: "Approval required: new members' first posts wait for a moderator" },
  { value: "closed", label: "Closed: no new accounts" },
] as const;

export function SiteSettingsForm({
  values,
  timeZones,
}: {
  values: SiteSettingsValues;
  timeZones: string[];
}) {
  const [state, action] = useActionState(saveSiteSettingsAction, IDLE);
  const shown = (field: keyof SiteSettingsValues) =>
    state.status === "error" && state.typed?.[field] !== undefined
      ? state.typed[field]
      : String(values[field]);
  const error = (field: keyof SiteSettingsValues) => state.errors?.[field];
  const control = (field: keyof SiteSettingsValues, hint?: string) => ({
    id: `site-${field}`,
    name: field,
    key: `${field}-${state.seq}`,
    defaultValue: shown(field),
    "aria-invalid": error(field) ? true : undefined,
    "aria-describedby": describedBy(`site-${field}`, error(field), hint),
  });
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="site-name" className="block text-sm font-semibold">
          Forum name
        </label>
        <input {...control("name")} maxLength={SITE_NAME.max} className={controlClass} />
        <HintAndError id="site-name" error={error("name")} />
      </div>
      <div className="space-y-1">
        <label htmlFor="site-description" className="block text-sm font-semibold">
          Description
        </label>
        <textarea
          {...control("description", "hint")}
          rows={2}
          maxLength={SITE_DESCRIPTION.max}
          className={controlClass}
        />
        <HintAndError
          id="site-description"
          error={error("description")}
          hint="Shown to search engines and link previews."
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="site-registration" className="block text-sm font-semibold">
          Registration
        </label>
        <select {...control("registration")} className={controlClass}>
          {REGISTRATION.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <HintAndError id="site-registration" error={error("registration")} />
      </div>
      <div className="space-y-1">
        <label htmlFor="site-approvalCount" className="block text-sm font-semibold">
          Posts to approve for new members
        </label>
        <input
          {...control("approvalCount", "hint")}
          type="number"
          inputMode="numeric"
          min={0}
          max={APPROVAL_MAX}
          className={`${controlClass} w-28!`}
        />
        <HintAndError
          id="site-approvalCount"
          error={error("approvalCount")}
          hint="With approval required: how many of a new member's first posts wait for a moderator."
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="site-timeZone" className="block text-sm font-semibold">
          Default time zone
        </label>
        <select {...control("timeZone")} className={controlClass}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <HintAndError id="site-timeZone" error={error("timeZone")} />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Warnings</legend>
        <div className="flex flex-wrap gap-4">
          <div className="space-y-1">
            <label htmlFor="site-warningBanPoints" className="block text-sm">
              Points that ban a member
            </label>
            <input
              {...control("warningBanPoints", "hint")}
              type="number"
              inputMode="numeric"
              min={WARNING_BAN_POINTS.min}
              max={WARNING_BAN_POINTS.max}
              className={`${controlClass} w-28!`}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor="site-warningBanDays" className="block text-sm">
              Days that ban lasts
            </label>
            <input
              {...control("warningBanDays")}
              type="number"
              inputMode="numeric"
              min={WARNING_BAN_DAYS.min}
              max={WARNING_BAN_DAYS.max}
              className={`${controlClass} w-28!`}
            />
          </div>
        </div>
        <HintAndError
          id="site-warningBanPoints"
          error={error("warningBanPoints")}
          hint="When a member's active (unexpired) warning points reach this, the warning bans them."
        />
        <HintAndError id="site-warningBanDays" error={error("warningBanDays")} />
      </fieldset>
      <SubmitButton>Save settings</SubmitButton>
      <FormMessage
        key={state.seq}
        message={state.message}
        tone={state.status === "error" ? "error" : "success"}
      />
    </form>
  );
}
