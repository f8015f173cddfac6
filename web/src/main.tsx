import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { authKeys } from './api/auth';
import { ApiError } from './api/client';
import { AppRoutes } from './app-routes';
import { cssVariablesResolver, theme } from './theme';

/**
 * A session that ended meanwhile (expired, revoked elsewhere) sends the person to the log-in page
 * through the guards; a stale CSRF token is refreshed by reloading GET /me.
 */
function onApiError(err: unknown) {
  if (!(err instanceof ApiError)) return;
  if (err.problem.code === 'unauthenticated') queryClient.setQueryData(authKeys.me, null);
  else if (err.problem.code === 'csrf-failed') queryClient.invalidateQueries({ queryKey: authKeys.me });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Retry only what may pass on a second try: no network, or a server error.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
