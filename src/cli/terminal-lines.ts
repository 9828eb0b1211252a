// Everything written for a person on stderr passes through here, so that while a progress bar
// is drawn a log line is printed above the bar instead of into the middle of its line.
export class TerminalLines {
  private through: ((text: string) => void) | undefined;

  constructor(readonly stream: NodeJS.WriteStream = process.stderr) {}

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** The terminal's width now (80 when it does not say, as cli-progress assumes). */
  get columns(): number {
    return this.stream.columns || 80;
  }

  /** Calls `redraw` each time the terminal is resized; the returned function stops it. */
  onResize(redraw: () => void): () => void {
    this.stream.on('resize', redraw);
    return () => void this.stream.off('resize', redraw);
  }

  write(text: string): void {
    if (this.through) this.through(text);
    else this.stream.write(text);
  }

  /** While a bar is drawn, lines go to `through`; the returned function puts them back on the stream. */
  divert(through: (text: string) => void): () => void {
    this.through = through;
    return () => {
      if (this.through === through) this.through = undefined;
    };
  }
}
