import { listPasskeys } from "@/lib/auth/two-factor/passkeys";
import { LocalTime } from "@/app/_components/time/local-time";
import { PasskeyList } from "./passkey-list";

/** The account page's "Passkeys" section. */
export async function PasskeysSection({ userId }: { userId: string }) {
  const rows = (await listPasskeys(userId)).map((p) => ({
    credentialId: p.credentialId,
    name: p.name,
    created: <LocalTime at={p.createdAt} style="date" />,
    lastUsed: p.lastUsedAt ? <LocalTime at={p.lastUsedAt} /> : null,
  }));
  return (
    <section
      id="passkeys"
      aria-labelledby="account-passkeys"
      className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:p-6"
    >
      <h2 id="account-passkeys" className="mb-4 text-lg font-bold">
        Passkeys
      </h2>
      <PasskeyList passkeys={rows} />
    </section>
  );
}
