import { redirect } from "next/navigation";
import { whatsNewUrl } from "@/lib/urls";

export default function WhatsNew() {
  redirect(whatsNewUrl("posts"));
}
