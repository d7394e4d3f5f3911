/**
 * The W3C Feed Validation Service's check of the HTML inside a feed (w3c/feedvalidator, `validators.py`,
 * its `HTMLValidator`), re-implemented for the tests: an element it does not accept is `SecurityRisk`, an
 * attribute it does not accept `SecurityRiskAttr` (a `data-*` attribute is accepted), a `style` attribute
 * `DangerousStyleAttr` (feedpub never writes one). It reads RSS `description` and `content:encoded`, and
 * Atom text constructs and `content` of `type="html"`. The names are the validator's lists
 * (`acceptable_elements`, `acceptable_attributes`); only the checks feedpub's output can meet are here (its
 * MathML and SVG lists are not: the sanitizer drops both).
 */
import { Parser } from 'htmlparser2';

/** Elements the validator accepts in feed HTML. */
export const W3C_ACCEPTABLE_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a abbr acronym address area article aside audio b bdi big blockquote br button canvas caption center ' +
    'cite code col colgroup command data datagrid datalist dd del details dfn dialog dir div dl dt em ' +
    'eventsource fieldset figcaption figure footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input ' +
    'ins keygen kbd label legend li m main map mark menu meter multicol nav nextid ol output optgroup option ' +
    'p picture pre progress q rp rt ruby s samp section select small sound source spacer span strike strong ' +
    'sub summary sup table tbody td template textarea time tfoot th thead tr track tt u ul var video ' +
    'noscript wbr'
  ).split(' '),
);

/** Attributes the validator accepts on any of those elements (and any `data-*`). */
export const W3C_ACCEPTABLE_ATTRIBUTES: ReadonlySet<string> = new Set(
  (
    'abbr accept accept-charset accesskey action align allow allowfullscreen allowpaymentrequest alt as ' +
    'autoplay autocapitalize autocomplete autofocus axis background balance bgcolor bgproperties border ' +
    'bordercolor bordercolordark bordercolorlight bottompadding cellpadding cellspacing ch challenge char ' +
    'charoff choff charset checked cite class clear color cols colspan compact contenteditable coords ' +
    'crossorigin data datafld datapagesize datasrc datetime decoding default delay dir dirname disabled ' +
    'download draggable dynsrc enctype end enterkeyhint face for form formenctype frame galleryimg gutter ' +
    'headers height hidefocus hidden high href hreflang hspace icon id inputmode is ismap itemid itemprop ' +
    'itemref itemscope itemtype kind keytype label lang leftspacing loading list longdesc loop loopcount ' +
    'loopend loopstart low lowsrc max maxlength media method min minlength multiple muted name nohref ' +
    'nonce noshade nowrap open optimum pattern ping placeholder playsinline point-size poster preload prompt ' +
    'pqg radiogroup readonly referrerpolicy rel repeat-max repeat-min replace required rev reversed ' +
    'rightspacing rows rowspan rules scope selected shape size sizes span spellcheck src srclang srcset ' +
    'start step summary suppress tabindex target template title toppadding translate type unselectable ' +
    'usemap urn valign value variable volume vspace vrml width wrap xml:lang xmlns'
  ).split(' '),
);

/** A warning the validator gives about a piece of feed HTML. */
export interface HtmlWarning {
  readonly rule: 'SecurityRisk' | 'SecurityRiskAttr' | 'DangerousStyleAttr';
  readonly message: string;
}

/**
 * What the validator would say of `html`, the HTML a feed element holds (decoded from its XML), one
 * warning per element or attribute it does not accept.
 *
 * @example htmlWarnings('<p><video src="v.mp4" controls></video></p>') // [{ rule: 'SecurityRiskAttr', … }]
 */
export function htmlWarnings(html: string): HtmlWarning[] {
  const out: HtmlWarning[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (!W3C_ACCEPTABLE_ELEMENTS.has(tag)) {
          out.push({ rule: 'SecurityRisk', message: `<${tag}> is not an element the validator accepts` });
          return;
        }
        for (const attribute of Object.keys(attributes)) {
          const lower = attribute.toLowerCase();
          if (lower === 'style') out.push({ rule: 'DangerousStyleAttr', message: `<${tag} style>` });
          else if (!W3C_ACCEPTABLE_ATTRIBUTES.has(lower) && !lower.startsWith('data-')) {
            out.push({ rule: 'SecurityRiskAttr', message: `<${tag} ${lower}> is not an attribute the validator accepts` });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
