import { Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';

/** The product's name after every page's own title in the browser's tab and history. */
export const productName = 'Clientele';

/** Sets `document.title` to "<title> · Clientele" while the page is shown. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · ${productName}`;
    return () => {
      document.title = productName;
    };
  }, [title]);
}

/**
 * The one `<h1>` of a page, styled as the section heading it replaces, and the tab's title.
 * `title` names the page in the tab when the heading is not plain text.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  useDocumentTitle(title ?? (typeof children === 'string' ? children : undefined));
  return (
    <Title order={1} size="h2">
      {children}
    </Title>
  );
}
