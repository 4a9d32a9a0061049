import { staffTwoFactorRequired } from "@/lib/auth/two-factor/staff-requirement";
import { StaffTwoStepForm } from "./form";

/** Administrators only (the page checks changeSettings before showing it). */
export async function StaffTwoStepSection() {
  return (
    <section
      aria-labelledby="staff-two-step"
      className="my-4 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm"
    >
      <h2 id="staff-two-step" className="font-semibold">
        Staff sign-in
      </h2>
      <StaffTwoStepForm required={await staffTwoFactorRequired()} />
    </section>
  );
}
