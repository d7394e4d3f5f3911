import { describe, expect, it } from 'vitest';
import { keptIdNamespace } from '../../../src/plan/ids.js';
import { feedImageNotes, idNamespaceNotes, stateNotes, strayFeedFiles } from '../../../src/rebuild/notes.js';
import { testSite } from '../../support/site.js';

const fromConfig = testSite({ feedpub: { idNamespace: 'news-ids' } });

describe('the notes a run gives about its output, state and config', () => {
  it('names one stray feed file in the singular', () => {
    const [note] = strayFeedFiles(['old/index.xml', 'old/page.html'], new Set(), undefined);
    expect(note?.message).toMatch(/^the output holds 1 feed file this run does not write \(old\/index\.xml\), left in place:/);
  });

  it('says ids follow the config’s idNamespace after an older feedpub’s state, whatever that state recorded', () => {
    const [note] = stateNotes({ legacy: { format: 'feedpub-manifest/6', idNamespace: 'old', feeds: {} } }, fromConfig);
    expect(note?.message).toMatch(
      /^the state at manifest\.json\.gz was written by an older feedpub \(feedpub-manifest\/6\): ids follow the config's idNamespace "news-ids", /,
    );
  });

  it('says ids follow the baseURL’s idNamespace after an older feedpub’s state that recorded none', () => {
    const site = testSite();
    const [note] = stateNotes({ legacy: { format: 'feedpub-manifest/6', feeds: {} } }, site);
    expect(note?.message).toContain(`: ids follow idNamespace "${site.feeds.idNamespace}" (it recorded none; the baseURL gives it), `);
  });

  it('says ids follow the config’s idNamespace when the state cannot be read', () => {
    const [note] = stateNotes({ unreadable: {} }, fromConfig);
    expect(note?.message).toBe(
      'the state at manifest.json.gz cannot be read (damaged, or not a feedpub manifest): item and feed ids follow idNamespace "news-ids" (the config\'s); files it published that this run does not write are left in place',
    );
  });

  it('tells a site without a config file it can name to add a feedpub.toml for the kept idNamespace, and files the note under the config', () => {
    const site = keptIdNamespace(testSite(), 'earlier');
    expect(idNamespaceNotes(site, 'config', [])).toEqual([
      {
        file: 'config',
        severity: 'info',
        rule: 'id-namespace',
        message: `item and feed ids keep the idNamespace "earlier" of earlier runs (the baseURL alone would give "${testSite().feeds.idNamespace}"): add a feedpub.toml at the site's root with idNamespace = "earlier" to keep them in builds without this state too`,
      },
    ]);
  });

  it('names the icon alone when only an icon is not an image RSS takes', () => {
    const site = testSite({ feedpub: { icon: 'https://example.com/icon.svg' } });
    expect(feedImageNotes(site, 'hugo.toml').map((p) => p.message)).toEqual([
      'icon "https://example.com/icon.svg": RSS 2.0 takes a GIF, JPEG or PNG image (by its file name) for a feed, so RSS feeds have none (Atom and JSON Feed show it); give a .png logo for them',
    ]);
  });
});
