// Remembers the results of a pure function for recent inputs, in bounded memory. Logs
// repeat themselves (the same #XRECV poll, the same `#XSEND: 0,8`), so judging each
// distinct line once makes validation several times faster; when the table is full it is
// simply emptied, which keeps the bound without bookkeeping per entry.

export class BoundedMemo<Value> {
  private readonly table = new Map<string, Value>();

  constructor(private readonly compute: (key: string) => Value, private readonly capacity = 4096) {}

  get(key: string): Value {
    let value = this.table.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.table.size >= this.capacity) this.table.clear();
      this.table.set(key, value);
    }
    return value;
  }
}
