import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { forumStructure } from "@/lib/forum-admin/structure";
import { can, isSignedIn } from "@/lib/permissions";
import { ForumStructure } from "./_components/forum-structure";
import { SiteSettingsForm } from "./_components/site-settings-form";
import { getSiteSettings } from "@/lib/site-settings/site-settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Administration", robots: { index: false } };

/** The administrators' panel: the forums and the site's settings. Moderators' part of /admin is the
 * member page (custom titles), where they are sent. */
export default async function AdminPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect("/login?callbackUrl=/admin");
  if (!can(viewer, "manageForums")) {
    if (can(viewer, "viewMemberAdmin")) redirect("/admin/members");
    forbidden();
  }
  const [structure, site] = await Promise.all([forumStructure(), getSiteSettings()]);
  // Every zone the runtime knows, with the stored one kept even if it is not among them.
  const zones = Intl.supportedValuesOf("timeZone");
  const timeZones = ["UTC", ...zones.filter((z) => z !== "UTC")];
  if (!timeZones.includes(site.timeZone)) timeZones.unshift(site.timeZone);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Administration</h1>
        <p className="text-slate-600">
          Every change here is written to the <Link href="/moderation/log">moderator log</Link>.
          Members&apos; roles and titles are on{" "}
          <Link href="/admin/members">Member administration</Link>. Mail settings and every mail the
          forum could not send are on <Link href="/admin/outbox">Email and outbox</Link>.
        </p>
      </div>
      <section aria-labelledby="settings-heading" className="space-y-3">
        <h2 id="settings-heading" className="text-xl font-semibold">
          Site settings
        </h2>
        <div className="rounded-lg border border-slate-300 bg-surface p-4 shadow-sm">
          <SiteSettingsForm values={site} timeZones={timeZones} />
        </div>
      </section>
      <section aria-labelledby="forums-heading" className="space-y-3">
        <h2 id="forums-heading" className="text-xl font-semibold">
          Categories and forums
        </h2>
        <ForumStructure structure={structure} />
      </section>
    </div>
  );
}
