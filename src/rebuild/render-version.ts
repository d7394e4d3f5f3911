/**
 * Bump when the bytes feedpub writes for the same input change: forces a full re-render.
 * 2: runs that kept no article bodies (local builds with --state) could publish an edited article's
 * previous content from the render cache; everything is rendered again once.
 * 3: permalinks give Hugo's links with uglyURLs or without a trailing slash (articles are parsed again:
 * their URLs are computed when parsed).
 * 4: paths lower-case as Go does (a capital sigma is σ, İ is i), permalink date tokens read a date in the
 * zone it is written with, as Hugo's do, ids no longer follow `translationKey`, and list pages read their
 * `cascade`: articles are parsed again (all are computed when parsed).
 * 5: a slug with a `/` nests its page as Hugo's does (`a/b/`, not `a-b/`), a `url` without a leading slash
 * is under the page's language, disablePathToLower keeps the case of term folders and of sections with
 * a list page, `headless` counts in a leaf bundle's index only, a `_build.list: local` page is in its
 * section's and terms' feeds, `:sections` is the page's section's path, and permalinks turn `+` into `-`
 * and drop a final `#`: articles are parsed again.
 * 6: a list page's cascaded `_build.list: local` lists the pages below in their sections' and terms' feeds
 * (it listed them nowhere), except a page with a `_build` of its own (`local: false`): all are parsed again.
 * 7: `ref` / `relref` shortcodes lead to the pages they name (they led nowhere): articles are parsed again
 * to find them.
 * 8: a file's language suffix names its language in any language's folder (`content/en/a.zh-cn.md` is
 * zh-cn's), and a disabled language that `languages` does not configure names none: parsed again.
 * 9: Hugo's `[frontmatter]` date sources are read (the resolved site config kept in a manifest lacks them).
 * 10: an Atom feed lists its home page's link before its self link, an untitled entry's empty title
 * has no `type`, an RSS item with content but no summary has an empty description, not its title again,
 * and an RSS item without authors names the site's author, when the config names one, as Atom and JSON
 * Feed imply (found by an audit with six feed parsers): every Atom file is written again.
 * 11: a page's path is read in NFC, so a file saved with a decomposed name has the composed name's
 * references, translations and section title (its id is still made from the name as written): articles
 * are parsed again.
 * 12: Markdown as Hugo's goldmark reads it by default (footnotes, definition lists, the typographer's curly
 * quotes, dashes and ellipses, headings without their `{#id}` attribute lists): every item is rendered again.
 * 13: a `figure` shortcode's caption is Hugo's (title heading, Markdown caption and credit, caption as alt),
 * an iframe with an http(s) source leaves a link to it, a bare ftp:// URL stays text and a `www.` address
 * is a link: every item is rendered again.
 * 14: a front matter summary is Markdown rendered as Hugo renders it, reduced to its text; a relative front
 * matter image of a page that is no leaf bundle resolves against the baseURL, as Hugo's `absURL`; an RSS
 * channel's description is HTML; Atom entries and JSON Feed items name the site's author when they have
 * none; a feed icon or logo with a leading `/` is under the host: articles are parsed and every item and
 * feed rendered again.
 * 15: a Markdown link or image whose URL has a scheme a feed may not carry (`javascript:`, `file:`) keeps
 * its text, as in Hugo, instead of the Markdown as written, and `<<` is an angle quote before a tag
 * (`<<angle>>` is `«angle»`); permalinks expand `:sections[…]` slices, and a language's own timeZone
 * dates its pages: articles are parsed and every item rendered again.
 * 16: what changed after 15 was released without a bump (an upgrade audit found an upgraded site keeping
 * 15's links until a config edit moved them all at once): `:sections[…]` slices and a language's own
 * timeZone (added to 15's note late), `removePathAccents` in links, term folders and refs, per-section
 * `uglyURLs`, and the directory page's dates in its language's zone: articles are parsed again. From here
 * tests/integration/render-version.test.ts pins what is written for its inputs to this number.
 * 17: the config files merge as Hugo 0.111 merges them (the config folder's value over the root file's,
 * tables key by key, config/production/ and params.<language>.* read) and `pluralizeListTitles = false` is
 * read: a resolved site config kept in a manifest is read again from its files.
 * 18: dots in names are kept where Hugo 0.111 keeps them (tag `.NET` → `tags/.net/`, slug `v1.0.` →
 * `v1.0./`; a top folder without a list page still loses its trailing dots in its feed's path): articles
 * are parsed again, as the manifest keeps their links.
 * Also in 18: `param` shortcodes show the page's or the site's value, `gist`, `tweet` and `instagram` (and the
 * `_simple` forms) link their posts, and every other shortcode removed is reported (`shortcode-removed`):
 * articles are parsed again (the manifest keeps their param values and problems) and every item rendered again.
 * Also in 18: a language's home list page (`content/_index.md`) titles its feed, as Hugo's home feed: list pages are
 * parsed again (the manifest kept no title of a home page's).
 * 19: a `{{< param >}}` value goes into the rendered HTML as Hugo puts it there, not into the Markdown
 * backslash-escaped (`1\.2\.3` in code, a blank line splitting the paragraph, an attribute cut at a quote),
 * and a `{{% param %}}` value is escaped as Hugo's template escapes it (`"` as `&#34;`, shown so in code):
 * every item is rendered again (the params the manifest keeps are the same). Also in 19: an article whose
 * param calls show over 4 Mi characters goes out without its content (`content-failed`).
 * 20: an untitled page's summary shows its params as its content does (it was made without them: "Version
 * is out."), a call right after another brace (`a{{{< param w >}}}b`) is found as Hugo finds it, and a
 * param's characters are counted where they land (a link reference title used many times): articles are
 * parsed again.
 * 21: the all-languages feed is titled "<site title> · All languages" in the default language's words (it had
 * the site's title alone, the default language's home feed's too): every feed is rendered again.
 * 22: a bare URL, `www.` address or e-mail address next to Chinese text is linked as Hugo's goldmark links it:
 * it ends at the first character that is not ASCII (`详见 https://example.com/a。下一句` ran on through
 * `。下一句`), and none starts right after such a character (`原文：https://…`, `见https://…`): every item is
 * rendered again. Also in 22: a lazy-loaded image (no `src`, or a `data:` placeholder) shows its `data-src`,
 * `data-original` or `data-lazy-src` (and `data-srcset`), the image of a `<noscript>` fallback is kept when no
 * earlier image shows it, and an image left without a source is dropped (it was `<img />`): an item's
 * thumbnail may be the promoted image (an image with a srcset alone shows its first candidate's whole URL,
 * commas and all). A `www.` address with over 1,024 characters after `www.` is no link. Also in 22: under
 * `disablePathToLower`, permalinks' `:monthname` and `:weekdayname` keep Go's case (`/March/`), and a term
 * part with spaces around a dot is no dot segment
 * (`u/ .. /v` → `tags/u/-..-/v/`), as in Hugo 0.111: articles are parsed again (the manifest keeps links).
 * 23: `headless` is read as Hugo 0.111 reads it (Go's ParseBool): a leaf bundle saying `"T"`, `"1"` or YAML
 * `1` is left out of feeds, and one saying `" true"` or `"tRuE"` is published (found by mutation testing):
 * articles are parsed again. Also in 23: a `<noscript>` is found as the sanitizer finds elements (htmlparser2),
 * not by regular expressions: one in a comment, an attribute value or a `<style>` is none.
 * 24: the `&` of escaped HTML (RSS `content:encoded`, Atom `content`) and Atom's text constructs are written
 * with numeric references, as RSS plain text already was (parsers built on fast-xml-parser decoded `&amp;lt;`
 * twice, a parser audit), and an empty Atom feed is updated 2000-01-01, not 1970 (the W3C service warns of
 * a date before 1990), and `<bdo>` goes, its text kept (no element the W3C service does not accept): every
 * item and feed is rendered again.
 * 25: a feed whose newest item is dated before 1970 (or at the epoch) has that date as its RSS
 * `lastBuildDate` (it had none; Hugo 0.111 writes it) and Atom `updated` (it had the empty feed's), and its
 * directory row and OPML `dateCreated` are dated (found by mutation testing): every feed is rendered again.
 * 26: an RSS description (an item's summary, the channel's description: escaped HTML) writes its `&` as
 * `&#x26;` too, as 24 did for content (a review: a summary showing `<details>` read back as the element
 * from parsers on fast-xml-parser), and an Atom author's email is written only as an addr-spec (the address
 * of `Name <address>`; RFC 4287 §3.2.3, found by fuzzing): every item and feed is rendered again.
 * 27: a leaf bundle's index with a suffix that names no language of the site (`trip/index.ja.md`) is linked
 * at the bundle's folder (`/trip/`, not `/trip/index.ja/`), as Hugo 0.111 links it, its id unchanged; of
 * two indexes of one language in a bundle, the second by name is a resource (a listing drops it): articles
 * are parsed again. Also in 27: a top folder whose pages Hugo builds but no feed lists (undated, listed
 * nowhere, untitled and empty) has its section feed, empty, as in Hugo: such pages are parsed again (the
 * manifest now keeps what they say of their section, `ManifestArticle.quiet`).
 * 28: so do the terms of such pages (`tags/solo/index.xml` for an undated page tagged `solo`, as Hugo 0.111
 * writes it; subscribers got a 404): such pages are parsed again, as a manifest of 27 kept no terms of
 * theirs (`QuietPage.terms`), and a run for uploaded keys would not know them.
 * 29: a top folder whose only page is a nested section's list page (`news/world/_index.md`, at any depth,
 * rendered or not, not a draft, future or expired) has its section feed, empty, as Hugo 0.111 writes
 * `news/index.xml` (subscribers got a 404): the manifest already keeps every list page, so nothing is parsed
 * again, but an upgraded site's next run must publish those feeds without waiting for a list page's edit.
 * 30: a titled article without a front matter summary whose part before `<!--more-->` shows no text (only a
 * cover image) is summarized by the start of its body's text, as an untitled one already was (`summaryOf`):
 * its RSS description, Atom summary and JSON Feed summary were empty. Every item is rendered again.
 * 31: a file's language suffix is taken off its pairing key (its default `translationKey`) only when it
 * names the page's language as Hugo 0.111 reads it, equal to a lower-cased language key:
 * `zh-CN/news/a.zh-CN.md` is no translation of `news/a` (no hreflang alternate without a `translationKey`)
 * and `a.fr.en.md` is `a.fr`. Ids are made as before (without a suffix naming any language, in any case:
 * no published id changes); a page whose id was made without another language's suffix (`news/a.FR.md`, an
 * English page in Hugo) takes the id of its path with it (`news/a.FR`, its `idOther`, kept in the manifest)
 * where another page that went live earlier has its id (`news/a.md`, which keeps it): it was held back as
 * a duplicate; the first to go live keeps the id, so no published id passes to another article. Articles
 * are parsed again.
 * 32: an excerpt (the summary made from an article's text, the text an untitled page shows) whose limit falls
 * in a word of a script with spaces (Latin, digits, emoji, Hangul) backs off through that word alone, to
 * just after the Chinese or Japanese character before it: it went back to the last space, across any
 * amount of Chinese (a 300-character summary was `背景…`, its heading); and it is cut only between two
 * grapheme clusters, as a title over 500 characters is (a flag, a skin-toned emoji, Thai `ทำ`, Hangul in
 * jamo or an Indic conjunct was split): articles are parsed again (the manifest keeps an untitled page's
 * text and titles) and every item rendered again. Also in 32: term folders and slugs read white space as
 * Go's `unicode.IsSpace` (Hugo's urlize): NEL is a space (`a\u0085b` → `tags/a-b/`), a BOM none, dropped
 * (`a\uFEFFb` → `tags/ab/`), a slug part of white space is a `-` folder and white space at either end of a
 * part a dash (`x/ /y` → `x/-/y/`, as Hugo's whole path is urlized), and an excerpt's back-off stops at white
 * space but a no-break space (`10\u00A0000` is one word): articles are parsed again (the manifest keeps links). Also in 30: a language
 * key or `languageCode` that names no language (`[languages.cn]`, `jp`, `english`) is no longer written as
 * its code (feed validators reject it): its feeds carry the site's languageCode, as Hugo 0.111's do, else
 * none, and a withdrawn code is written as its replacement (`iw` → `he`): the config is resolved again and
 * every feed rendered again.
 * 33: the feed directory page says the language of its words in `<html lang>` (`en` on a French page) and
 * of every title and feed name (`lang`, and `dir`: `rtl` for Arabic, Hebrew, …), wraps long words at 320 px,
 * and has a table of contents with heading ids; OPML outlines say `version="RSS"` (not `RSS2`) and folders
 * no `language` (an accessibility audit). Only those files change, but a run keeps them while no feed's
 * summary changes (`SITE_EXTRAS`' fingerprint): without the bump an upgraded site kept the old page until
 * some feed's title, count or date moved. Also in 33: a language whose feeds carry the site's languageCode
 * in place of a key that names none (`[languages.cn]`) is no Atom translation alternate and lists none (its
 * page took the slot of the page that has that code): every feed rendered again. Also in 33 (no CONFIG_VERSION
 * bump: a manifest's `configSource` holds the render version, so 33 resolves every config again once): a
 * time zone is a name of a fixed tzdata list, spelled as tzdata does (`asia/shanghai` → `Asia/Shanghai`), and
 * a UTC offset (`+08:00`, which Node 22 and 24 took) or an abbreviation (`PST`) is a config error.
 * 34: a self-closed `{{< highlight go />}}` is an empty code block, as Hugo 0.111 writes it, and the Markdown
 * after it stays Markdown (it opened a code block that ran to the next closing call, else to the article's end),
 * and a closing highlight call with none open is removed (it opened one): every item is rendered again.
 * Also in 34: with `archives`, a complete feed (`fh:complete`) over `maxBytes` by less than the mark keeps all its
 * items, unmarked (it lost its oldest): every feed is rendered again. Also in 34: the feed directory counts
 * the items a feed holds, fewer than planned where `maxBytes` cut it (`ManifestFeed.held`, which a manifest
 * of 33 lacks): every feed is rendered again, so every cut one is recorded.
 * 35: a taxonomy's own list page (`tags/_index.md`) that is a draft, not published yet or expired, or that
 * cascades that or `_build.render: never` to its terms, leaves out every term feed of that taxonomy in its
 * language, as Hugo 0.111 writes no term page then (they linked to 404s): list pages are parsed again, as a
 * manifest kept nothing of a taxonomy's list page.
 * Also in 35: a language with a `baseURL` of its own (Hugo's multihost) has its pages, its sections', terms'
 * and home page and its translation alternates linked at that host without the language's folder
 * (`https://fr.example.org/posts/a/`, where Hugo has them; they were `https://example.com/fr/posts/a/`, no
 * page at all), a front matter image of its pages resolved against that host, and discovery.json keys such
 * a page by its whole URL: articles are parsed again (the manifest keeps their links). Ids made from the
 * path do not change; `itemIds = "permalink"` ids follow the page's URL, as Hugo's guids do.
 * 36: cascades count as Hugo applies them (a list's entries whole, not only `draft`; an entry with a `target`
 * or `_target` for the pages it matches only, not every page below; the home page's and the site config's
 * too; each key from the nearest cascade, under the page's own; `headless` for a leaf bundle only): list pages
 * and articles are parsed again (a manifest kept neither a list page's cascade nor the keys a page settles
 * itself, `Article.states`).
 * 37: a front matter `params` table (Hugo 0.123's place for custom fields) gives an item its authors, image and
 * terms, and the `param` shortcode its value, over the same key at the top: articles are parsed again (the
 * manifest keeps authors, images, terms and param values).
 * 38: a permalink token that is a Go date layout (`/:06/:Jan/:slug/`) is formatted with the page's date, as
 * Hugo 0.111 formats it (it stayed in the link as written: `/%3A06/%3AJan/a/`, a 404), a token Hugo fails
 * the build on (`:Year`, `:PM`) and a `%`, `#` or `\` of a pattern's own are config errors, and a pattern's
 * own text is made a path as Hugo makes it (`/Blog/` → `blog/`): articles are parsed again (the manifest
 * keeps links), and the config is resolved again (a manifest's `configSource` holds the render version).
 * Also in 38: a taxonomy's permalink places term feeds as Hugo 0.111 places the term's page (`:slug` is the
 * list page's `slug`, else its title: `topic/golang/`, not `topic/go/`; the pattern's own text made a path),
 * and a token other than `:slug` and `:title` there is a config error: list pages are parsed again (the
 * manifest kept no term's slug).
 * 39: a permalink's `..` folders are resolved as Hugo 0.111 resolves them (Go's path.Clean: `/a/../:slug/`
 * is `/123/`, `/x/:slug/../../../etc/` is `/etc/`; they were dropped, `/a/123/`, a 404): articles are
 * parsed again (the manifest keeps links). Also in 39: `:sections[last]` and `:sections[:last]` of a page in
 * a top folder follow Hugo 0.111, whose sections there end with an empty one when the folder has no list
 * page (`posts/a.md` under `/:sections[last]/:slug/` linked /posts/a/ where Hugo writes /a/ without
 * `posts/_index.md`, and under `[:last]` /posts/a/ where Hugo writes /a/ with it): articles are parsed again
 * (their links by section, `sectionUrls`, hold one more).
 * 40: a cascade gives the pages below it its terms (every taxonomy's, to a page without a key of that
 * taxonomy) and its dates (`date`, `publishDate`, `lastmod`, `expiryDate`, their aliases and `[frontmatter]`
 * keys, each filling the page's key of that name, as Hugo 0.111 merges them): a page without a date of its own
 * that a cascade dates is published (it was left out, `no-date`), its items carry the cascaded terms, and the
 * cascaded terms' feeds are written. List pages and articles are parsed again: a manifest kept neither a
 * cascade's terms and dates by key, nor which taxonomies and date keys a page has (`Article.terms` held every
 * taxonomy, `Article.dates`), nor a page without a date (`ManifestArticle.undated`).
 * 41: `defaultContentLanguageInSubdir = true` puts the default language under its key only on a site with
 * more than one language enabled, as Hugo 0.111 does (a site of one language, or of one with the others
 * disabled, had every feed and link under `en/`, where Hugo has none): the config is resolved again (a
 * manifest's `configSource` holds the render version) and articles are parsed again (the manifest keeps links).
 * Also in 41: a page's link is never cut nor prefixed (a title, slug or file name over 180 bytes was cut and
 * hashed, `con.md` linked `_con/`: dead links), and a term's or section's folder is cut only over 255 bytes
 * (it was over 180), as Hugo 0.111 writes such folders whole: articles are parsed again (the manifest keeps
 * links), and the feeds of such terms and sections move to Hugo's folders.
 * Also in 41: a permalink's `:title`, `:slug` and `:slugorfilename` are urlized whole, as Hugo 0.111 urlizes
 * them: white space at the start or end of the value is no dash (`Pourquoi Hugo ?` was `/pourquoi-hugo-/`,
 * `🚀 Launch day` `/-launch-day/`), and a value that keeps nothing (`?`) drops its folder (it was `t-<hash>`);
 * `:title` is the front matter's title as written (`Tom &amp; Jerry` → `/tom-amp-jerry/`, it was the feeds'
 * text, `/tom-jerry/`, cut at 500 characters); a `slug` keeps its white space and loses its dashes at either
 * end, as Hugo reads it (`slug: " v1"` was `/posts/v1/`, Hugo `/posts/-v1/`; `-v1-` was `/posts/-v1-/`),
 * and a list page's `slug` or title under a taxonomy permalink is urlized whole (`" s / t "` → `t/s-/-t/`), a
 * part of a term's path that keeps nothing dropped (`a/?/b` → `tags/a/b/`, it was `a/t-<hash>/b`): articles and
 * list pages are parsed again (the manifest keeps links and term slugs). Also in 41: a `+` in a permalink's
 * value is a space of the path, as in Hugo 0.111, so no dash beside a dash (`--+` was `-`, Hugo `--`;
 * `a--+--b` `a-b`, Hugo `a----b`; found by tests/integration/hugo-permalink-titles.property.test.ts).
 * 42: a page is held back by its publishDate alone, read from publishDate's own sources as Hugo 0.111 reads
 * them (`publishDate`, its aliases, the `date` key; a `[frontmatter] publishDate` list): a page dated only by
 * its lastmod (its own or cascaded), a `[frontmatter]` key of its own or its file name, and a list page so
 * dated, is listed now (it was held back, `future`, until that date): articles and list pages are parsed
 * again (the manifest keeps `publishAt`), and such pages' feeds are written with them.
 * 43: a cascade target's character class is read as gobwas/glob (Hugo) reads it: one range or a list, a `-`
 * in a list itself (`[0b-z]` is 0, b, - and z, not 0 and b to z), a range's ends as written, and a range with
 * more before its `]` (`[a-z0-9]`, `[a-]`) does not compile (`cascade-target`, the entry left out; found by
 * mutation testing): list pages and articles are parsed again (a list page's problems are kept).
 * 44: bare e-mail addresses are linked under any top-level domain, as goldmark links them
 * (`press@example.dev` was text: linkify-it took only the domains on its list), a bare URL whose host goes
 * on in other characters is no link (`https://bücher.de/y` linked `https://b/`), and each line of a
 * definition list's term that spans lines is a term (`Term A\nTerm B\n: Shared definition.` was a
 * paragraph): every item is rendered again.
 * 45: a page's front matter `markup` is read as Hugo 0.111 reads it: `html` or `htm` (any case, its own or a
 * cascade's) makes its body HTML, shown as written once its shortcodes are expanded, where it was read as
 * Markdown; `org`, `asciidocext`, `rst` and `pandoc` are reported (`markup-not-read`). Articles and list pages
 * are parsed again (the manifest keeps an article's `markup`, the keys it settles and a list page's cascade)
 * and every item is rendered again.
 * 46: a definition starts only as goldmark starts one, a `:` and a space or a tab at the term's own
 * indentation: an indented `:`, `~` and a `:` that ends its line stay the paragraph's text (lists before), and
 * a list ends before one after a blank line or a term (it went on), and before a line that starts another
 * block; a term may be followed by several blank lines; a definition's `Term\n: def\n---` is a list and a
 * rule (a heading before); and a definition is tight or loose by the blank line before its own marker, as
 * goldmark decides (the plugin decided once a term). Also in 46, footnotes as goldmark reads them: labels with
 * spaces, the first of two notes of a label (the last before), a note that ends a quote's lazy line, and each
 * link back to its own reference (`#fnref1:1`; all went to `#fnref:1`); and a strike is `<del>`, as goldmark and
 * GFM's spec write it (`<s>`); and curly quotes are decided one by one as goldmark's typographer decides
 * them (markdown-it's paired them: an unclosed quote stayed straight); and emphasis runs open and close by
 * goldmark's punctuation, without symbols (`价格为**¥100**元` was left as written). So every item is rendered
 * again. Also in 46: with `canonifyURLs`, a URL written with a space before its leading
 * slash (`src=" /a.png"`) is left at the host root, as Hugo 0.111 leaves it (it was put under the baseURL).
 * 47: an inline `<!--` that opens no comment as goldmark reads one (`<!-- TODO -- check -->`, with `--` inside)
 * is text, as Hugo shows it (it was a comment, removed with its text); an image's `alt` keeps what its
 * entities, backslash escapes and code spans write (`![AT&amp;T \*1 `x`](a.png)` was `AT T 1 `), without
 * raw HTML tags (they were kept as text); a line that goes on lazily after link reference definitions in a
 * quote or a list item (no `>`, less indented) is that quote's or item's text, as goldmark reads it (it was a
 * paragraph after them); and a link that holds an image (or an image that holds a link) ends the emphasis
 * left open before it, as goldmark ends it (`**Photo: [![a](c)](w) by Reuters**` was bold).
 * Also in 47: tables are made as goldmark makes them, of a paragraph's lines: a paragraph's line before a delimiter
 * row of more cells (`Results:\n| --- | --- |`, `Team | Points\n|:--|--:|--:|`, a header's cells filled) and a
 * quote's or a list item's lazy lines are a table (they were text), a line indented as code goes on as a row
 * (it ended the table), and `- a | b\n--|--` is a table in a list item (the `- ` was a cell).
 * Also in 47: the output of a `{{< figure >}}`, `{{< highlight >}}` or `{{< ref >}}` call goes
 * into the rendered HTML where the call stood, as Hugo puts it there, so it stays in the paragraph, list item
 * or quote whose line it is on and the lines after it are Markdown (it was written into the Markdown: a
 * figure took the lines after it as raw HTML, a highlight ended the item or quote, a ref's URL in text was
 * linked); a `{{% figure %}}` ends with its template's line break (the next line is a paragraph); and a
 * figure's `attrlink` link has a space before it, as in Hugo's template. Every item is rendered again.
 * Also in 47: a setext underline (`-` or `=` alone) among lines before a `: ` definition makes a heading of
 * the lines above it, as goldmark reads it, and the definition is text (`A\nB\n-\n: c` was a list of three terms).
 * Also in 47: a table cell keeps the `\` before an escaped pipe outside code spans, for Markdown's escape to
 * read, as goldmark keeps it (`a \\| b` is `a \| b`; it was `a | b`), a trailing `|` goes even when escaped
 * (`\|` is a cell `\`), and a `|` right after a row's last cell adds no empty cell (`a||` is one cell).
 * Also in 47: an image's `alt` leaves out its line breaks, as goldmark does (`![a\nb](x.png)` is `ab`; it was `a\nb`).
 * Also in 47: runs of `~` are paired as goldmark pairs them (`~~~a~~~` is struck twice, it was `~<del>a</del>~`;
 * `~~a~~~~b~~` is one strike, it was two), and a bare link ends before a final run of `?!.,:*_~`, as goldmark
 * ends it (`https://example.org/a_b_c_` linked `…/a_b_c_`, and `_see https://example.org/a_` was no emphasis).
 * 48: a raw HTML `srcset` candidate whose URL holds more than 16 commas in a row is dropped, as one with a bad
 * URL (sanitize-html's srcset parser read a long run in quadratic time: 256 Ki commas took 42 s).
 * 49: a Markdown body without raw HTML or shortcodes is read only until the blocks read make more HTML than
 * an item's allowance (a long table, list or run of paragraphs: `HtmlOverAllowance`): its summary and image
 * come from its first part, as for a body too long to render (they came from the whole body's HTML, which
 * feeds then left out too), and its `content-too-large` note says "over N bytes" (a 512 Ki-character table
 * took 2.5–4 s and ~450 MB).
 * 50: blocks nested past the depth markdown-it reads (98 levels: 98 quotes, 49 lists) are a paragraph of their
 * text as written, where they were left out, and with them, after a list nested that deep, the rest of the
 * document (src/render/depth-guard.ts).
 * 51: a `{{< figure >}}` call without a `src` keeps its title, caption and credit, as Hugo 0.111 shows them
 * (after an image of no source, which is left out); it was left out whole. Also in 51: YAML front matter is
 * read up to a document end marker (`...`), as Hugo 0.111 reads it (a page with keys after one was refused).
 * 52: section folders that differ only in case (`News/`, `news/`) are one section, its list page the last
 * folder's, as Hugo 0.111 keys its content tree lower-cased (each was a section of its own, all but the first
 * folder's feed left out), and so are term and taxonomy list pages in such folders; and of two indexes of one
 * language in a leaf bundle, the one named for the language is the page (`index.zh-cn.md` before
 * `index.md`; it was the first by name); and a leaf bundle's translations are other languages' bundles of its
 * folder, paired by `<folder>/index` as Hugo 0.111 pairs them (a file `news/a.md` was one of the bundle
 * `news/a/`'s). A run for reported keys trusts the manifest's pages and plans only the feeds they touch:
 * everything is listed, read and planned again once.
 */
export const RENDER_VERSION = 52;

/**
 * Bump when feedpub reads the same config files into another resolved config while every site that does
 * not use the change gets the very one it got (a Hugo key read that was ignored before), so that
 * RENDER_VERSION, which makes every site read and render everything again, need not move. A manifest keeps
 * the resolved config while the config files keep their change tokens: one kept by another CONFIG_VERSION
 * is resolved again from the files. Where that gives the same config, the manifest is reused as it is;
 * where it does not, its config hash differs and everything is read and rendered again, as after a
 * config edit. A run for reported keys, which trusts the manifest's config without listing the files,
 * becomes a full run once.
 * 1: Hugo's `enableEmoji` is read (a site that set it kept `:smile:` in its feeds until its config changed),
 * and so are the config files in folders below `config/_default/` and `config/production/` (a bucket that
 * already held `config/_default/params/params.zh.toml` kept the config resolved without it).
 * 2: Hugo 0.158's `locale` and `label` are read (a site that wrote them kept its languages' keys as their
 * codes and names), so are content mounts (`[[module.mounts]]` with target `content`: a site that mounted
 * its languages' folders kept every page in the default language), `[permalinks.term]` and the tokens
 * `:contentbasename` and `:slugorcontentbasename` (config errors before); and a language whose key names no
 * language is told to set `locale` (its `unknownCode.setting`, `languages.cn.locale`, was
 * `languages.cn.languageCode`: such a site's config hash changes, and its feeds are rendered again, the same).
 * 3: Hugo's `disableKinds` is read (a site that disabled its term or section pages kept their feeds, linking
 * to pages that do not exist, until its config changed), and `ignoreErrors` for its `taxonomy` alone.
 * 4: a permalinks key is read in lower case, as Hugo reads it (`[permalinks] Posts = "/b/:slug/"` was
 * ignored: its items linked /posts/a/, where Hugo writes /b/a/), and two of one name that differ are a
 * config error.
 * 5: a site where some languages have a baseURL of their own and others not, and a permalink pattern with an
 * empty folder (`/a//:slug/`), are config errors, as Hugo 0.111 refuses both (such a site kept its feeds,
 * linking pages that Hugo never made, until its config changed).
 * 6: a key one file writes in two cases is read as Hugo 0.111 reads it, the spelling not in lower case (of
 * `Title = "x"` and `title = "y"`, "x", where feedpub took the last; a `[Params]` table replaces `[params]`,
 * where they were merged), and warns (`config-duplicate-key`): such a site kept the other value, and no
 * warning, until its config changed. Also in 6: feedpub's `author` option with a table without a name, a key
 * other than name, email and url, or a url that is no http(s) URL is a config error (it was dropped).
 * Also in 6: a language's own `copyright`, `params.author`, `author`, `rssLimit` and `services.rss.limit`
 * are read for its feeds, as Hugo 0.111 reads them, and so are `limit` and `author` in its
 * `[languages.<key>.params.feedpub]`; any other option there, unless it is the site's value, or one feedpub
 * does not have, is a config error (all were ignored: such a site's fr feeds kept the site's rights,
 * authors and length until its config changed).
 * 7: Hugo's `markup.goldmark.renderer.hardWraps`, `markup.goldmark.extensions.{linkify, table, strikethrough,
 * taskList}`, `markup.goldmark.parser.attribute.block` and `canonifyURLs` are read (a site that set one kept
 * its lines run together, its bare links linked, its tables, strikes and task marks, its `{.lead}` lines, and
 * `/images/a.png` under the host, until its config changed).
 * 8: a content mount's `lang` is matched with the language keys exactly, as Hugo 0.111 matches it: one
 * written otherwise (`DE`, ` de`, `pt-BR` for `[languages.pt-BR]`, whose pages Hugo publishes nowhere) is a
 * config error (feedpub published them in that language until its config changed), and an empty one is the
 * default language's (a config error before). Also in 8: a key the root file writes in two cases other than
 * lower case (`DESCRIPTION`, `Description` in `[params]`) is replaced by a config folder's file that writes it,
 * as in Hugo 0.111 (the root file's last spelling was read over it: such a site kept its value until its
 * config changed).
 */
export const CONFIG_VERSION = 8;
