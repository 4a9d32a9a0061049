import { expect, test, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { signUp, startThread, uniqueName } from "./fixtures";

const posts = (page: Page) => page.locator("article[id^=post-]");
const replyForm = (page: Page) => page.getByRole("form", { name: "Reply to this thread" });
const replyBox = (page: Page) => replyForm(page).getByRole("textbox", { name: "Message" });

const picture = (background: string) =>
  sharp({ create: { width: 600, height: 400, channels: 3, background } })
    .png()
    .toBuffer();

/** What a browser does when an image is pasted (a screenshot from the clipboard). */
async function pasteImage(box: Locator, png: Buffer, name: string) {
  await box.evaluate(
    (textarea, { base64, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: "image/png" }));
      textarea.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    { base64: png.toString("base64"), name },
  );
}

test("attach an image by the button and by paste; it shows in the text and as a thumbnail", async ({
  page,
}) => {
  await signUp(page);
  await startThread(page, `Pictures ${uniqueName("t")}`, "Post your charts here.");
  const box = replyBox(page);
  const chart = await picture("#1e6fd9");
  // A file chosen before the editor has hydrated is not seen by it: choose again until it is.
  await expect(async () => {
    await box.fill("Here is the chart:\n");
    await replyForm(page)
      .getByLabel("Attach files")
      .setInputFiles({ name: "chart.png", mimeType: "image/png", buffer: chart });
    await expect(box).toHaveValue(/^Here is the chart:\n!\[chart\.png\]\(attachment:\d+\)\n$/, {
      timeout: 3_000,
    });
  }).toPass({ timeout: 20_000 });
  await pasteImage(box, await picture("#d9541e"), "pasted.png");
  await expect(box).toHaveValue(/attachment:\d+\)\n!\[pasted\.png\]\(attachment:\d+\)\n$/);

  await page.getByRole("button", { name: "Post reply" }).click();
  const post = posts(page).nth(1);
  await expect(post).toContainText("Here is the chart:");
  const inline = post.locator(".post-body img.attachment");
  await expect(inline).toHaveCount(2);
  await expect(post.getByRole("img", { name: "chart.png" }).first()).toBeVisible();
  const attachments = post.getByRole("region", { name: "Attachments" });
  const thumbnail = attachments.getByRole("link", { name: /^chart\.png \(.+\), full size$/ });
  await expect(thumbnail.getByRole("img")).toBeVisible();
  await expect(attachments.getByRole("link", { name: /^pasted\.png/ })).toBeVisible();
  // Every image really loaded (a broken one has no natural width).
  await expect
    .poll(() =>
      post
        .locator("img")
        .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)),
    )
    .toBe(true);
  await post.screenshot({ path: "test-results/screens/attachments-post.png" });

  const full = await page.request.get((await thumbnail.getAttribute("href"))!);
  expect(full.status()).toBe(200);
  expect(full.headers()["content-type"]).toBe("image/png");
  expect(full.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await sharp(await full.body()).metadata()).width).toBe(600);
});

test("a renamed text file and an over-limit file are refused with messages; the text stays", async ({
  page,
}) => {
  await signUp(page);
  await startThread(page, `Refused files ${uniqueName("t")}`);
  const box = replyBox(page);
  await box.fill("My reply, typed before attaching.");
  const attach = replyForm(page).getByLabel("Attach files");
  await attach.setInputFiles({
    name: "photo.png",
    mimeType: "image/png",
    buffer: Buffer.from("This is plain text wearing a .png name.\n"),
  });
  const errors = replyForm(page).getByRole("alert");
  await expect(errors).toContainText("photo.png: Attachments must be PNG, JPEG, WebP, GIF");
  await attach.setInputFiles({
    name: "big.txt",
    mimeType: "text/plain",
    buffer: Buffer.alloc(9 * 1024 * 1024, "a"),
  });
  await expect(errors).toContainText("big.txt: Attachments must be 8 MB or smaller.");
  await expect(box).toHaveValue("My reply, typed before attaching.");
  await replyForm(page).screenshot({ path: "test-results/screens/attachments-refused.png" });
});
