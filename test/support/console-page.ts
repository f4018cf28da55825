import type { Page } from 'playwright-core';

/** Signs in on the console's form, as a person does, and waits until the console shows it. */
export async function signInOnPage(page: Page, { username, password }: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor();
}
