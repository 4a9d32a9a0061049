import { redirect } from "next/navigation";

/** /admin has one section so far: the members. That page decides who may see it. */
export default function AdminIndex() {
  redirect("/admin/members");
}
