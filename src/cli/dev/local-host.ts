/**
 * The Host headers `feedpub dev`'s servers answer: 127.0.0.1, localhost and [::1]
 * (any case), with any port (an SSH tunnel's, say). A web page whose own name its owner made resolve to
 * 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
 *
 * @example LOCAL_HOST.test('localhost:8080') // true; LOCAL_HOST.test('attacker.example:8080') // false
 */
export const LOCAL_HOST = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;

/** What the servers answer to another Host (421 Misdirected Request). */
export const MISDIRECTED = 'misdirected request: this server answers to 127.0.0.1, localhost and [::1] only\n';
