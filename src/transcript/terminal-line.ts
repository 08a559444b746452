// One line of a terminal log as people paste them: an optional timestamp in a common
// form, an optional direction arrow, then the text the terminal showed.
//
//   [12:00:01.123] AT#XSOCKET=1,1,0        bracketed time (any text in the brackets that has hh:mm:ss)
//   2026-11-24 12:00:01.123 #XSOCKET: 0,1,6  date and time (also with T, Z or an offset)
//   12:00:01.123 -> AT#XSOCKET=1,1,0         time, then an arrow: -> host to device, <- device to host

export interface TerminalLine {
  text: string;
  /** Direction when the line carries an arrow. */
  direction?: 'tx' | 'rx';
}

const BRACKETED_TIME = /^\[[^\]]*\d:\d\d[^\]]*\] ?/;
const DATE_TIME = /^\d{4}-\d\d-\d\d[ T]\d\d?:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? /;
const TIME = /^\d\d?:\d\d:\d\d(?:[.,]\d+)? /;
const ARROW = /^(->|<-) ?/;

export function parseTerminalLine(line: string): TerminalLine {
  let text = line;
  const first = text.charCodeAt(0);
  if (first === 0x5b /* [ */) {
    const close = text.indexOf(']');
    if (close > 0 && BRACKETED_TIME.test(text.slice(0, close + 2))) text = text.slice(text.charCodeAt(close + 1) === 0x20 ? close + 2 : close + 1);
  }
  else if (first >= 0x30 && first <= 0x39) text = text.replace(DATE_TIME, '').replace(TIME, '');
  const arrow = ARROW.exec(text);
  if (!arrow) return { text };
  return { text: text.slice(arrow[0].length), direction: arrow[1] === '->' ? 'tx' : 'rx' };
}
