import type { Page } from 'playwright-core';

/**
 * The keyboard of a console page, counting what the operator does: every key pressed (a typed
 * text counts one per character, a chord such as Shift+J one), so a test can say what a flow costs.
 */
export class CountedKeys {
  count = 0;

  constructor(private readonly page: Page) {}

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.page.keyboard.press(key);
      this.count++;
    }
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.count += [...text].length;
  }

  /** The count since the last call, and starts again from zero. */
  take(): number {
    const taken = this.count;
    this.count = 0;
    return taken;
  }
}
