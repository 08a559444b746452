// Remembers the results of a pure function for recent inputs, in bounded memory. Logs
// repeat themselves (the same #XRECV poll, the same `#XSEND: 0,8`), so judging each
// distinct line once makes validation several times faster. When the table is full it is
// simply emptied, which keeps the bound without bookkeeping per entry; long keys are not
// remembered at all, so the bound holds in bytes too.

export class BoundedMemo<Value> {
  private readonly table = new Map<string, Value>();

  constructor(
    private readonly compute: (key: string) => Value,
    private readonly capacity = 2048,
    private readonly maxKeyLength = 256,
  ) {}

  get(key: string): Value {
    if (key.length > this.maxKeyLength) return this.compute(key);
    let value = this.table.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.table.size >= this.capacity) this.table.clear();
      this.table.set(key, value);
    }
    return value;
  }
}
