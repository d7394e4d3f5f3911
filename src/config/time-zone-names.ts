/**
 * Which time zone names a config may give (`timeZone`, `languages.<key>.timeZone`), checked by a fixed list
 * so that every Node gives the same answer: Node 22 and 24 take a UTC offset (`+08:00`) for a time zone and
 * Node 20 does not, every Node takes any case (`asia/shanghai`), and each canonicalizes names its own way
 * (`Asia/Kolkata` is `Asia/Calcutta` to all three, `EST5EDT` `America/New_York` to Node 20 alone). Hugo 0.111
 * takes only a name of its tzdata, spelled as there (on Linux).
 */

/**
 * The zone and link names of tzdata 2025b (`tzdata.zi`), by area: 597, `Factory` left out (no Node takes
 * it). Node 20, 22 and 24 take every one, and each name `Intl.supportedValuesOf('timeZone')` gives is here.
 */
const NAMES: readonly (readonly [string, readonly string[]])[] = [
  [
    '',
    [
      'CET CST6CDT Cuba EET EST EST5EDT Egypt Eire GB GB-Eire GMT GMT+0 GMT-0 GMT0 Greenwich HST',
      'Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT NZ NZ-CHAT Navajo PRC',
      'PST8PDT Poland Portugal ROC ROK Singapore Turkey UCT UTC Universal W-SU WET Zulu',
    ],
  ],
  [
    'Africa',
    [
      'Abidjan Accra Addis_Ababa Algiers Asmara Asmera Bamako Bangui Banjul Bissau Blantyre Brazzaville',
      'Bujumbura Cairo Casablanca Ceuta Conakry Dakar Dar_es_Salaam Djibouti Douala El_Aaiun Freetown',
      'Gaborone Harare Johannesburg Juba Kampala Khartoum Kigali Kinshasa Lagos Libreville Lome Luanda',
      'Lubumbashi Lusaka Malabo Maputo Maseru Mbabane Mogadishu Monrovia Nairobi Ndjamena Niamey Nouakchott',
      'Ouagadougou Porto-Novo Sao_Tome Timbuktu Tripoli Tunis Windhoek',
    ],
  ],
  [
    'America',
    [
      'Adak Anchorage Anguilla Antigua Araguaina Argentina/Buenos_Aires Argentina/Catamarca',
      'Argentina/ComodRivadavia Argentina/Cordoba Argentina/Jujuy Argentina/La_Rioja Argentina/Mendoza',
      'Argentina/Rio_Gallegos Argentina/Salta Argentina/San_Juan Argentina/San_Luis Argentina/Tucuman',
      'Argentina/Ushuaia Aruba Asuncion Atikokan Atka Bahia Bahia_Banderas Barbados Belem Belize',
      'Blanc-Sablon Boa_Vista Bogota Boise Buenos_Aires Cambridge_Bay Campo_Grande Cancun Caracas Catamarca',
      'Cayenne Cayman Chicago Chihuahua Ciudad_Juarez Coral_Harbour Cordoba Costa_Rica Coyhaique Creston',
      'Cuiaba Curacao Danmarkshavn Dawson Dawson_Creek Denver Detroit Dominica Edmonton Eirunepe',
      'El_Salvador Ensenada Fort_Nelson Fort_Wayne Fortaleza Glace_Bay Godthab Goose_Bay Grand_Turk Grenada',
      'Guadeloupe Guatemala Guayaquil Guyana Halifax Havana Hermosillo Indiana/Indianapolis Indiana/Knox',
      'Indiana/Marengo Indiana/Petersburg Indiana/Tell_City Indiana/Vevay Indiana/Vincennes Indiana/Winamac',
      'Indianapolis Inuvik Iqaluit Jamaica Jujuy Juneau Kentucky/Louisville Kentucky/Monticello Knox_IN',
      'Kralendijk La_Paz Lima Los_Angeles Louisville Lower_Princes Maceio Managua Manaus Marigot Martinique',
      'Matamoros Mazatlan Mendoza Menominee Merida Metlakatla Mexico_City Miquelon Moncton Monterrey',
      'Montevideo Montreal Montserrat Nassau New_York Nipigon Nome Noronha North_Dakota/Beulah',
      'North_Dakota/Center North_Dakota/New_Salem Nuuk Ojinaga Panama Pangnirtung Paramaribo Phoenix',
      'Port-au-Prince Port_of_Spain Porto_Acre Porto_Velho Puerto_Rico Punta_Arenas Rainy_River',
      'Rankin_Inlet Recife Regina Resolute Rio_Branco Rosario Santa_Isabel Santarem Santiago Santo_Domingo',
      'Sao_Paulo Scoresbysund Shiprock Sitka St_Barthelemy St_Johns St_Kitts St_Lucia St_Thomas St_Vincent',
      'Swift_Current Tegucigalpa Thule Thunder_Bay Tijuana Toronto Tortola Vancouver Virgin Whitehorse',
      'Winnipeg Yakutat Yellowknife',
    ],
  ],
  ['Antarctica', ['Casey Davis DumontDUrville Macquarie Mawson McMurdo Palmer Rothera South_Pole Syowa Troll Vostok']],
  ['Arctic', ['Longyearbyen']],
  [
    'Asia',
    [
      'Aden Almaty Amman Anadyr Aqtau Aqtobe Ashgabat Ashkhabad Atyrau Baghdad Bahrain Baku Bangkok Barnaul',
      'Beirut Bishkek Brunei Calcutta Chita Choibalsan Chongqing Chungking Colombo Dacca Damascus Dhaka',
      'Dili Dubai Dushanbe Famagusta Gaza Harbin Hebron Ho_Chi_Minh Hong_Kong Hovd Irkutsk Istanbul Jakarta',
      'Jayapura Jerusalem Kabul Kamchatka Karachi Kashgar Kathmandu Katmandu Khandyga Kolkata Krasnoyarsk',
      'Kuala_Lumpur Kuching Kuwait Macao Macau Magadan Makassar Manila Muscat Nicosia Novokuznetsk',
      'Novosibirsk Omsk Oral Phnom_Penh Pontianak Pyongyang Qatar Qostanay Qyzylorda Rangoon Riyadh Saigon',
      'Sakhalin Samarkand Seoul Shanghai Singapore Srednekolymsk Taipei Tashkent Tbilisi Tehran Tel_Aviv',
      'Thimbu Thimphu Tokyo Tomsk Ujung_Pandang Ulaanbaatar Ulan_Bator Urumqi Ust-Nera Vientiane',
      'Vladivostok Yakutsk Yangon Yekaterinburg Yerevan',
    ],
  ],
  ['Atlantic', ['Azores Bermuda Canary Cape_Verde Faeroe Faroe Jan_Mayen Madeira Reykjavik South_Georgia St_Helena', 'Stanley']],
  [
    'Australia',
    [
      'ACT Adelaide Brisbane Broken_Hill Canberra Currie Darwin Eucla Hobart LHI Lindeman Lord_Howe',
      'Melbourne NSW North Perth Queensland South Sydney Tasmania Victoria West Yancowinna',
    ],
  ],
  ['Brazil', ['Acre DeNoronha East West']],
  ['Canada', ['Atlantic Central Eastern Mountain Newfoundland Pacific Saskatchewan Yukon']],
  ['Chile', ['Continental EasterIsland']],
  [
    'Etc',
    [
      'GMT GMT+0 GMT+1 GMT+10 GMT+11 GMT+12 GMT+2 GMT+3 GMT+4 GMT+5 GMT+6 GMT+7 GMT+8 GMT+9 GMT-0 GMT-1',
      'GMT-10 GMT-11 GMT-12 GMT-13 GMT-14 GMT-2 GMT-3 GMT-4 GMT-5 GMT-6 GMT-7 GMT-8 GMT-9 GMT0 Greenwich',
      'UCT UTC Universal Zulu',
    ],
  ],
  [
    'Europe',
    [
      'Amsterdam Andorra Astrakhan Athens Belfast Belgrade Berlin Bratislava Brussels Bucharest Budapest',
      'Busingen Chisinau Copenhagen Dublin Gibraltar Guernsey Helsinki Isle_of_Man Istanbul Jersey',
      'Kaliningrad Kiev Kirov Kyiv Lisbon Ljubljana London Luxembourg Madrid Malta Mariehamn Minsk Monaco',
      'Moscow Nicosia Oslo Paris Podgorica Prague Riga Rome Samara San_Marino Sarajevo Saratov Simferopol',
      'Skopje Sofia Stockholm Tallinn Tirane Tiraspol Ulyanovsk Uzhgorod Vaduz Vatican Vienna Vilnius',
      'Volgograd Warsaw Zagreb Zaporozhye Zurich',
    ],
  ],
  ['Indian', ['Antananarivo Chagos Christmas Cocos Comoro Kerguelen Mahe Maldives Mauritius Mayotte Reunion']],
  ['Mexico', ['BajaNorte BajaSur General']],
  [
    'Pacific',
    [
      'Apia Auckland Bougainville Chatham Chuuk Easter Efate Enderbury Fakaofo Fiji Funafuti Galapagos',
      'Gambier Guadalcanal Guam Honolulu Johnston Kanton Kiritimati Kosrae Kwajalein Majuro Marquesas',
      'Midway Nauru Niue Norfolk Noumea Pago_Pago Palau Pitcairn Pohnpei Ponape Port_Moresby Rarotonga',
      'Saipan Samoa Tahiti Tarawa Tongatapu Truk Wake Wallis Yap',
    ],
  ],
  ['US', ['Alaska Aleutian Arizona Central East-Indiana Eastern Hawaii Indiana-Starke Michigan Mountain Pacific', 'Samoa']],
];

/** Each name by its lower case, as tzdata spells it. */
const BY_LOWER_CASE = new Map(
  NAMES.flatMap(([area, lines]) => lines.flatMap((line) => line.split(' ').map((name) => (area === '' ? name : `${area}/${name}`)))).map(
    (name) => [name.toLowerCase(), name] as const,
  ),
);

/**
 * A configured time zone as tzdata spells it: the name as written when it is one (`Asia/Calcutta` stays,
 * a link as good as `Asia/Kolkata`), else the name it is in another case (`asia/shanghai` → `Asia/Shanghai`,
 * so a fix of the case changes no resolved config); undefined for anything else (a UTC offset, `PST`, a
 * name the runtime does not know).
 *
 * @example timeZoneName('europe/berlin') // 'Europe/Berlin'
 * @example timeZoneName('+08:00') // undefined
 */
export function timeZoneName(written: string): string | undefined {
  const name = BY_LOWER_CASE.get(written.toLowerCase());
  if (name === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** Every name of the list (for tests). */
export function timeZoneNames(): string[] {
  return [...BY_LOWER_CASE.values()];
}

/**
 * What a config error says of a time zone that is none: a UTC offset (`+08:00`, `-0530`) gets the `Etc/GMT`
 * zone of the same whole hours, whose sign tzdata reverses (`Etc/GMT-8` is UTC+08:00).
 *
 * @example unknownTimeZone('+08:00', 'Asia/Shanghai') // 'unknown time zone "+08:00": a UTC offset is no time zone name; use an IANA name such as Asia/Shanghai, or Etc/GMT-8 for UTC+08:00 all year'
 */
export function unknownTimeZone(written: string, example: string): string {
  const offset = /^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(written.trim());
  if (offset === null) {
    // Older feedpub (and this runtime's ICU) may have read it as a zone: name that one, to keep the dates.
    const read = readAs(written);
    const keep = read !== undefined ? `; it was read as ${read}: write that to keep the dates already published` : '';
    return `unknown time zone "${written}" (use an IANA name such as ${example}${keep})`;
  }
  const [, sign = '+', hours = '0', minutes = '00'] = offset;
  const h = Number(hours);
  const fixed = minutes === '00' && h === 0 ? 'UTC' : minutes === '00' && h <= (sign === '+' ? 14 : 12) ? `Etc/GMT${sign === '+' ? '-' : '+'}${h}` : undefined;
  const also = fixed === 'UTC' ? ', or UTC' : fixed !== undefined ? `, or ${fixed} for UTC${sign}${String(h).padStart(2, '0')}:00 all year` : '';
  return `unknown time zone "${written}": a UTC offset is no time zone name; use an IANA name such as ${example}${also}`;
}

/** The tzdata name this runtime's ICU reads a name that is none as (`PST`: America/Los_Angeles), or undefined. */
function readAs(written: string): string | undefined {
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: written }).resolvedOptions().timeZone;
    return BY_LOWER_CASE.get(zone.toLowerCase()) === zone ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** tzdata's zones whose only abbreviation is `UTC`, and those whose only one is `GMT`. */
const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'UCT', 'Universal', 'Zulu', 'Etc/UTC', 'Etc/UCT', 'Etc/Universal', 'Etc/Zulu']);
const GMT_ZONES: ReadonlySet<string> = new Set([
  'GMT',
  'GMT+0',
  'GMT-0',
  'GMT0',
  'Greenwich',
  'Etc/GMT',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'Etc/GMT0',
  'Etc/Greenwich',
]);

/**
 * The abbreviation tzdata gives a zone (a name of this list), as Go's `MST` layout writes it, for the zones
 * with one abbreviation at every instant: `UTC`, `GMT` and their links, and `Etc/GMT+3`'s `-03` (tzdata
 * reverses the sign). Undefined for every other zone: their abbreviations (`CET`, `CEST`, `LMT` before
 * 1893 in Berlin, `-03` in São Paulo) are in tzdata, which the runtime does not give (`Intl` names zones in
 * a language's words: `GMT+1`). Checked against Hugo 0.111.
 *
 * @example zoneAbbreviation('Etc/UTC') // 'UTC'
 * @example zoneAbbreviation('Etc/GMT-5') // '+05'
 * @example zoneAbbreviation('Europe/Berlin') // undefined
 */
export function zoneAbbreviation(name: string): string | undefined {
  if (UTC_ZONES.has(name)) return 'UTC';
  if (GMT_ZONES.has(name)) return 'GMT';
  const fixed = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  return fixed === null ? undefined : `${fixed[1] === '+' ? '-' : '+'}${(fixed[2] ?? '').padStart(2, '0')}`;
}
