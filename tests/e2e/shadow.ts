import type { Page } from 'playwright/test';

interface DomNode {
  nodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * The centre on screen of the element with this data-testid inside Tessera's closed shadow root. A page
 * cannot reach into a closed root, and neither can Playwright's selectors; the DevTools protocol can.
 */
export async function centreInClosedShadow(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const find = (node: DomNode): DomNode | undefined => {
      const attrs = node.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) {
        if (attrs[i] === 'data-testid' && attrs[i + 1] === testId) return node;
      }
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const hit = find(child);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(root);
    if (!node) throw new Error(`no ${testId} in the page's shadow roots`);
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as {
      model: { content: number[] };
    };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
    return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
  } finally {
    await cdp.detach();
  }
}

/** Clicks, with a real mouse (an ordinary trusted click), the element with this data-testid in Tessera's closed root. */
export async function clickInClosedShadow(page: Page, testId: string): Promise<void> {
  const { x, y } = await centreInClosedShadow(page, testId);
  await page.mouse.click(x, y);
}
