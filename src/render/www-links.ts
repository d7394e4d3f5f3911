/** What feedpub asks of linkify-it to add a prefix it finds links by. */
export interface PrefixLinkFinder {
  add(
    prefix: string,
    definition: {
      validate: (text: string, pos: number, self: { re: Record<string, string | RegExp | undefined> }) => number;
      normalize: (match: { url: string }) => void;
    },
  ): unknown;
}

/** The most characters after `www.` a link may have (a host is at most 253; the rest, its path). */
export const MAX_WWW_LINK = 1024;

/**
 * Makes linkify-it link `www.` addresses without a scheme (`www.example.com/a`) to `https://` as goldmark
 * does (GFM's extended www autolinks; Hugo's `linkifyProtocol` is `https`), while other bare words with a
 * dot stay text (fuzzy links are off). The host after `www.` needs a dot of its own (`www.example` is no
 * link), as linkify-it asks of `//` links, and is followed by linkify-it's own port and path rules.
 *
 * @example linkWwwAddresses(md.linkify); // 'see www.example.com' → <a href="https://www.example.com">
 */
export function linkWwwAddresses(linkify: PrefixLinkFinder): void {
  let host: RegExp | undefined;
  linkify.add('www.', {
    validate: (text, pos, self) => {
      // Compiled on first use from linkify-it's own pieces, as its `//` rule does.
      host ??= new RegExp(
        `^(?:(?:${String(self.re.src_domain)})\\.)+${String(self.re.src_domain_root)}${String(self.re.src_port)}${String(self.re.src_host_terminator)}${String(self.re.src_path)}`,
        'i',
      );
      // Within a window: `www.` repeated is one long host to the expression, so reading the rest of the text
      // at each `www.` took a body of them (512 Ki characters) ~2 minutes (a security review). A link that
      // fills the window is none (it is not cut short).
      const window = text.slice(pos, pos + MAX_WWW_LINK);
      const length = host.exec(window)?.[0].length ?? 0;
      return length === MAX_WWW_LINK && pos + MAX_WWW_LINK < text.length ? 0 : length;
    },
    normalize: (match) => {
      match.url = `https://${match.url}`;
    },
  });
}
