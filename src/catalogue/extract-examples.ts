// Re-extracts the examples from a spec page (reStructuredText) so the index in
// examples.ts can be checked against it. An example is an `AT…` line inside a literal
// block under an "Example"/"Examples" heading, with the lines that follow it up to the
// next `AT…` line. What those lines are (response, payload, URCs, data-mode input) is
// decided from the catalogue, never from command names written here.

import { commandByName, RESPONSE_SHAPES } from './catalogue.ts';
import { invocationOf, type Invocation } from './command-line.ts';
import { payloadRule } from './payload.ts';
import type { SpecExample } from './types.ts';

/** An example as found in a spec file: what the index holds, minus the errata (not in the text). */
export type ExtractedExample = Omit<SpecExample, 'errata'>;

const FINAL_LINE = /^(OK|ERROR|\+CME ERROR: ?\d+|\+CMS ERROR: ?\d+)$/;
const UNDERLINE = /^([=\-~*^"#+])\1{2,}$/;
const PAYLOAD_HEADER_STARTS = RESPONSE_SHAPES.filter((shape) => shape.payload).map((shape) => `${shape.prefix}:`);

/** The literal-block lines under each Example(s) heading, with the section command they belong to. */
function exampleBlocks(lines: readonly string[]): { section: string; lines: string[] }[] {
  const blocks: { section: string; lines: string[] }[] = [];
  let section: string | undefined;
  let inExamples = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const next = lines[index + 1];
    if (line.trim() !== '' && next !== undefined && UNDERLINE.test(next.trim()) && !/^\s/.test(line)) {
      const underline = next.trim()[0];
      if (underline === '=') section = /#X[A-Z]+/.exec(line)?.[0];
      inExamples = underline === '~' && /^Examples?$/.test(line.trim());
      index++;
      continue;
    }
    if (!inExamples || section === undefined || !line.trimEnd().endsWith('::')) continue;
    const block: string[] = [];
    let cursor = index + 1;
    for (; cursor < lines.length; cursor++) {
      const content = lines[cursor]!;
      if (content.trim() !== '' && !/^\s/.test(content)) break;
      block.push(content.trim());
    }
    blocks.push({ section, lines: block });
    index = cursor - 1;
  }
  return blocks;
}

function entersDataMode(invocation: Invocation): boolean {
  const command = commandByName(invocation.command);
  const dataMode = command?.dataMode;
  const setForm = command?.forms.set;
  if (!dataMode || invocation.form !== 'set' || !setForm?.supported) return false;
  const position = setForm.parameters.findIndex((parameter) => parameter.name === dataMode.parameter);
  const value = invocation.arguments[position];
  return value !== undefined && dataMode.values.some((candidate) => String(candidate) === value.trim());
}

interface ExampleUnderConstruction {
  invocation: Invocation;
  example: ExtractedExample & { response: string[] };
  finished: boolean;
  /**
   * Whether the next line is a payload: 'certain' after a header that announces bytes,
   * 'unless-final' after a header-like line the payload rule cannot read (the spec's
   * `#XRECV: 1,4`, E17), when the next line is a payload unless it is the final code.
   */
  payloadNext: 'certain' | 'unless-final' | 'no';
}

function payloadExpectedAfter(line: string): ExampleUnderConstruction['payloadNext'] {
  const announced = payloadRule(line);
  if (announced) return announced.wireBytes > 0 ? 'certain' : 'no';
  return PAYLOAD_HEADER_STARTS.some((start) => line.startsWith(start)) ? 'unless-final' : 'no';
}

function addDeviceLine(current: ExampleUnderConstruction, line: string): void {
  const { example } = current;
  if (current.finished) {
    const key = entersDataMode(current.invocation) ? 'dataModeInput' : 'urcs';
    example[key] = [...(example[key] ?? []), line];
    return;
  }
  const payloadNext = current.payloadNext;
  current.payloadNext = 'no';
  if (payloadNext === 'certain' || (payloadNext === 'unless-final' && !FINAL_LINE.test(line))) {
    example.payload = line;
    return;
  }
  example.response.push(line);
  if (FINAL_LINE.test(line)) current.finished = true;
  else current.payloadNext = payloadExpectedAfter(line);
}

/** Every example of a spec page, numbered per section in the page's order. */
export function extractExamples(rstText: string): ExtractedExample[] {
  const examples: ExtractedExample[] = [];
  const countBySection = new Map<string, number>();
  for (const block of exampleBlocks(rstText.split(/\r?\n/))) {
    let current: ExampleUnderConstruction | undefined;
    for (const line of block.lines) {
      if (line === '' || line.startsWith('//')) continue;
      const invocation = invocationOf(line);
      if (invocation) {
        const number = (countBySection.get(block.section) ?? 0) + 1;
        countBySection.set(block.section, number);
        const example = {
          id: `${block.section.slice(1)}-${number}`,
          section: block.section,
          command: invocation.command,
          form: invocation.form,
          line,
          response: [] as string[],
        };
        examples.push(example);
        current = { invocation, example, finished: false, payloadNext: 'no' };
      } else if (current) {
        addDeviceLine(current, line);
      }
    }
  }
  return examples;
}
