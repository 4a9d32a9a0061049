"use server";
import { previewHtml } from "@/lib/forum/preview";
export async function previewPost(source: string) { return previewHtml(String(source)); }
