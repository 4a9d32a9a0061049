import { twoFactorStatus } from "@/lib/auth/two-factor/totp";
import { TwoStepSettings } from "./two-step-settings";

/** The account page's "Two-step verification" section. */
export async function TwoStepSection({
  userId,
  hasPassword,
}: {
  userId: string;
  hasPassword: boolean;
}) {
  const status = await twoFactorStatus(userId);
  return (
    <section
      id="two-step"
      aria-labelledby="account-two-step"
      className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:p-6"
    >
      <h2 id="account-two-step" className="mb-4 text-lg font-bold">
        Two-step verification
      </h2>
      <TwoStepSettings {...status} hasPassword={hasPassword} />
    </section>
  );
}
