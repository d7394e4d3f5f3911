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
      return host.exec(text.slice(pos))?.[0].length ?? 0;
    },
    normalize: (match) => {
      match.url = `https://${match.url}`;
    },
  });
}
