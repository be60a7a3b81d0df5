import { expect, type Page } from '@playwright/test';

/** Moves an open options page to one of its sections (`#/rules`), as its navigation does. */
export async function showSection(page: Page, id: string): Promise<void> {
  await page.evaluate((section) => {
    location.hash = `#/${section}`;
  }, id);
  await expect(page.getByTestId('options-section')).toHaveAttribute('data-section', id);
}
