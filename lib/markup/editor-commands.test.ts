import { describe, expect, it } from "vitest";
import {
  completeMention,
  insertBlockQuote,
  insertCode,
  insertImageLink,
  insertLink,
  insertQuoteBlock,
  insertSmilie,
  insertSpoiler,
  insertText,
  mentionQuery,
  toggleBold,
  toggleItalic,
  toggleList,
  type EditorCommand,
  type EditorState,
} from "./editor-commands";
import { quoteMarkup } from "./quote";
import { renderPost } from "./render";

// Text with the selection marked: "a ⟨b⟩ c" selects "b"; "a ⟨⟩c" is a caret before "c".
function parse(marked: string): EditorState {
  const selStart = marked.indexOf("⟨");
  const selEnd = marked.indexOf("⟩") - 1;
  if (selStart === -1 || selEnd < selStart) throw new Error(`no selection in ${marked}`);
  return { text: marked.replace("⟨", "").replace("⟩", ""), selStart, selEnd };
}

function mark({ text, selStart, selEnd }: EditorState): string {
  return text.slice(0, selStart) + "⟨" + text.slice(selStart, selEnd) + "⟩" + text.slice(selEnd);
}

function run(command: EditorCommand, marked: string): string {
  const { text, selStart, selEnd } = parse(marked);
  return mark(command(text, selStart, selEnd));
}

describe("bold and italic", () => {
  it("wraps the selection and keeps it selected", () => {
    expect(run(toggleBold, "say ⟨hello⟩ now")).toBe("say **⟨hello⟩** now");
    expect(run(toggleItalic, "say ⟨hello⟩ now")).toBe("say *⟨hello⟩* now");
  });

  it("inserts a selected placeholder at a caret", () => {
    expect(run(toggleBold, "say ⟨⟩")).toBe("say **⟨bold text⟩**");
    expect(run(toggleItalic, "⟨⟩")).toBe("*⟨italic text⟩*");
  });

  it("keeps whitespace at the selection's edges outside the markers", () => {
    expect(run(toggleBold, "say⟨ hello ⟩now")).toBe("say **⟨hello⟩** now");
    expect(run(toggleBold, "a⟨  ⟩b")).toBe("a  **⟨bold text⟩**b");
  });

  it("unwraps what is already wrapped, markers inside or outside the selection", () => {
    expect(run(toggleBold, "say **⟨hello⟩** now")).toBe("say ⟨hello⟩ now");
    expect(run(toggleBold, "say ⟨**hello**⟩ now")).toBe("say ⟨hello⟩ now");
    expect(run(toggleItalic, "say *⟨hello⟩* now")).toBe("say ⟨hello⟩ now");
    expect(run(toggleBold, "**⟨⟩**")).toBe("⟨⟩");
  });

  it("does not read bold's stars as italic ones", () => {
    expect(run(toggleItalic, "**⟨hello⟩**")).toBe("***⟨hello⟩***");
    expect(renderPost(parse("***⟨hello⟩***").text)).toContain("<em><strong>hello</strong></em>");
  });

  it("renders what it writes", () => {
    const { text } = toggleBold("say hello", 4, 9);
    expect(renderPost(text)).toBe("<p>say <strong>hello</strong></p>\n");
  });
});

describe("links and image links", () => {
  it("inserts a placeholder link with its text selected", () => {
    expect(run(insertLink, "see ⟨⟩")).toBe("see [⟨link text⟩](https://)");
    expect(run(insertImageLink, "⟨⟩")).toBe("![⟨image description⟩](https://)");
  });

  it("makes selected text the link text and selects the address", () => {
    expect(run(insertLink, "see ⟨the docs⟩.")).toBe("see [the docs](⟨https://⟩).");
    expect(run(insertImageLink, "⟨a cat⟩")).toBe("![a cat](⟨https://⟩)");
    expect(run(insertLink, "⟨a [b]⟩")).toBe("[a \\[b\\]](⟨https://⟩)");
  });

  it("makes a selected address the target and selects the text to show", () => {
    expect(run(insertLink, "⟨https://example.com/x⟩")).toBe("[⟨link text⟩](https://example.com/x)");
    expect(run(insertImageLink, "⟨https://example.com/a.png⟩")).toBe(
      "![⟨image description⟩](https://example.com/a.png)",
    );
  });
});

describe("lists", () => {
  it("prefixes every selected line, leaving blank lines alone", () => {
    expect(run(toggleList, "intro\n⟨one\n\ntw⟩o\nafter")).toBe("intro\n⟨- one\n\n- two⟩\nafter");
  });

  it("prefixes the caret's line and keeps the caret in its text", () => {
    expect(run(toggleList, "first\nsec⟨⟩ond")).toBe("first\n- sec⟨⟩ond");
  });

  it("inserts a selected placeholder item on an empty line", () => {
    expect(run(toggleList, "text\n⟨⟩")).toBe("text\n- ⟨List item⟩");
  });

  it("removes the prefix when every line already has one", () => {
    expect(run(toggleList, "⟨- one\n- two⟩")).toBe("⟨one\ntwo⟩");
    expect(run(toggleList, "⟨- one\ntwo⟩")).toBe("⟨- - one\n- two⟩");
  });

  it("does not take in the line after a selection ending with a line break", () => {
    expect(run(toggleList, "⟨one\n⟩two")).toBe("⟨- one⟩\ntwo");
  });
});

describe("block quotes and spoilers", () => {
  it("puts the selection in an unattributed quote block on its own lines", () => {
    expect(run(insertBlockQuote, "before ⟨quoted words⟩ after")).toBe(
      "before \n::: quote -\n⟨quoted words⟩\n:::\n after",
    );
    expect(run(insertBlockQuote, "line\n⟨⟩")).toBe("line\n::: quote -\n⟨Quoted text⟩\n:::\n");
    expect(run(insertBlockQuote, "⟨⟩\nnext")).toBe("::: quote -\n⟨Quoted text⟩\n:::\nnext");
  });

  it("renders as a quote without attribution", () => {
    const { text } = insertBlockQuote("wise words", 0, 10);
    expect(renderPost(text)).toContain('<blockquote class="quote">');
    expect(renderPost(text)).toContain("wise words");
  });

  it("wraps the selection in a spoiler whose fence outlasts the colons inside", () => {
    expect(run(insertSpoiler, "⟨the end⟩")).toBe("::: spoiler\n⟨the end⟩\n:::\n");
    expect(run(insertSpoiler, "⟨⟩")).toBe("::: spoiler\n⟨Spoiler text⟩\n:::\n");
    const inner = "::: spoiler\nx\n:::";
    const nested = insertSpoiler(inner, 0, inner.length);
    expect(nested.text.startsWith(":::: spoiler\n::: spoiler\nx\n:::\n::::")).toBe(true);
    expect(renderPost(nested.text).match(/<details class="spoiler"/g)).toHaveLength(2);
  });
});

describe("code", () => {
  it("uses backticks inline", () => {
    expect(run(insertCode, "run ⟨npm test⟩ now")).toBe("run `⟨npm test⟩` now");
    expect(run(insertCode, "run ⟨⟩")).toBe("run `⟨code⟩`");
    expect(run(insertCode, "⟨a`b⟩")).toBe("``⟨a`b⟩``");
    expect(run(insertCode, "⟨`x`⟩")).toBe("`` ⟨`x`⟩ ``");
  });

  it("fences several lines, or a caret on an empty line", () => {
    expect(run(insertCode, "see\n⟨a()\nb()⟩")).toBe("see\n```\n⟨a()\nb()⟩\n```\n");
    expect(run(insertCode, "see\n⟨⟩")).toBe("see\n```\n⟨code⟩\n```\n");
    expect(run(insertCode, "⟨x\n```\ny⟩")).toBe("````\n⟨x\n```\ny⟩\n````\n");
  });
});

describe("quotes from posts", () => {
  const quote = quoteMarkup({ author: "Razor", postId: 12 }, "Almost certainly.");

  it("goes on its own lines, a blank line before and after, the caret after it", () => {
    expect(mark(insertQuoteBlock("", 0, 0, quote))).toBe(
      "::: quote 12 Razor\nAlmost certainly.\n:::\n\n⟨⟩",
    );
    expect(mark(insertQuoteBlock("Hello", 5, 5, quote))).toBe(
      "Hello\n\n::: quote 12 Razor\nAlmost certainly.\n:::\n\n⟨⟩",
    );
    expect(mark(insertQuoteBlock("Hi\n", 3, 3, quote))).toBe(
      "Hi\n\n::: quote 12 Razor\nAlmost certainly.\n:::\n\n⟨⟩",
    );
    expect(mark(insertQuoteBlock("ab", 1, 1, quote))).toBe(
      "a\n\n::: quote 12 Razor\nAlmost certainly.\n:::\n\n⟨⟩b",
    );
    expect(mark(insertQuoteBlock("a\n\nb", 1, 1, quote))).toBe(
      "a\n\n::: quote 12 Razor\nAlmost certainly.\n:::\n\n⟨⟩b",
    );
  });

  it("ignores empty markup", () => {
    expect(insertQuoteBlock("abc", 1, 2, "\n")).toEqual({ text: "abc", selStart: 1, selEnd: 2 });
  });
});

describe("smilies", () => {
  it("inserts the code with the spaces a face needs", () => {
    expect(mark(insertSmilie("nice", 4, 4, ":)"))).toBe("nice :) ⟨⟩");
    expect(mark(insertSmilie("", 0, 0, ":thumb:"))).toBe(":thumb: ⟨⟩");
    expect(mark(insertSmilie("a b", 2, 2, ":D"))).toBe("a :D ⟨⟩b");
    expect(mark(insertSmilie("a  b", 2, 2, ":D"))).toBe("a :D⟨⟩ b");
    expect(renderPost(insertSmilie("nice", 4, 4, ":)").text)).toContain("🙂");
  });
});

describe("mentions", () => {
  it("reads the name typed after an @ that can start a mention", () => {
    expect(mentionQuery("hi @Raz", 7)).toEqual({ at: 3, query: "Raz" });
    expect(mentionQuery("@no smo", 7)).toEqual({ at: 0, query: "no smo" });
    expect(mentionQuery("(@a", 3)).toEqual({ at: 1, query: "a" });
  });

  it("is null without a name, inside an address, across lines, or past 32 characters", () => {
    expect(mentionQuery("hi @", 4)).toBeNull();
    expect(mentionQuery("mail a@b.com", 12)).toBeNull();
    expect(mentionQuery("@a\nb", 4)).toBeNull();
    expect(mentionQuery("@ a", 3)).toBeNull();
    expect(mentionQuery("@a  b", 5)).toBeNull();
    expect(mentionQuery("@a!", 3)).toBeNull();
    expect(mentionQuery("@" + "x".repeat(32), 33)).not.toBeNull();
    expect(mentionQuery("@" + "x".repeat(33), 34)).toBeNull();
  });

  it("completes the full name and a space", () => {
    expect(mark(completeMention("hi @raz", 3, 7, "Razor"))).toBe("hi @Razor ⟨⟩");
    expect(mark(completeMention("hi @raz now", 3, 7, "Razor"))).toBe("hi @Razor ⟨⟩now");
    expect(mark(completeMention("@no sm", 0, 6, "no smoking"))).toBe("@no smoking ⟨⟩");
  });
});

describe("insertText", () => {
  it("replaces the selection and puts the caret after", () => {
    expect(mark(insertText("abc", 1, 2, "XY"))).toBe("aXY⟨⟩c");
  });
});
