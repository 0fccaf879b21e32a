import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Loading, Notice } from './components/Notice.tsx';
import { matchRoute, usePathname } from './router.ts';
import { Home } from './routes/Home.tsx';
import { Join } from './routes/Join.tsx';

// The phone path (home, join, participant) is in the entry chunk; the facilitator's
// screens and the room screen load on demand, so a phone downloads as little as possible.
const NewSession = lazy(() => import('./routes/NewSession.tsx'));
const Console = lazy(() => import('./routes/Console.tsx'));
const Screen = lazy(() => import('./routes/Screen.tsx'));
const Sessions = lazy(() => import('./routes/Sessions.tsx'));
const Notebook = lazy(() => import('./routes/Notebook.tsx'));
const Notebooks = lazy(() => import('./routes/Notebooks.tsx'));
const Plan = lazy(() => import('./routes/Plan.tsx'));
const AccountPages = lazy(() => import('./accounts/AccountPages.tsx'));
const WorkspacePages = lazy(() => import('./workspaces/WorkspacePages.tsx'));

/** Picks the screen for the current URL. */
export function App() {
  const pathname = usePathname();
  const route = matchRoute(pathname);
  return (
    // One boundary per route, keyed by the address: a screen that throws (or whose code
    // fails to load) shows a calm message and a reload, never a blank page.
    <ErrorBoundary key={pathname} label={`route ${route.name}`} onReload={reloadPage}>
      <RouteView route={route} />
    </ErrorBoundary>
  );
}

function reloadPage(): void {
  location.reload();
}

function RouteView({ route }: { route: ReturnType<typeof matchRoute> }) {
  return (
    <Suspense fallback={<Loading />}>
      {route.name === 'home' && <Home />}
      {route.name === 'join' && <Join key={route.code} code={route.code} />}
      {route.name === 'new' && <NewSession />}
      {route.name === 'console' && <Console key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'present' && (
        <Console key={route.sessionId} sessionId={route.sessionId} isPresenter />
      )}
      {route.name === 'screen' && <Screen key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'sessions' && <Sessions />}
      {route.name === 'notebook' && <Notebook key={route.sessionId} sessionId={route.sessionId} />}
      {route.name === 'notebooks' && <Notebooks />}
      {route.name === 'plan' && <Plan />}
      {route.name === 'account' && <AccountPages />}
      {route.name === 'workspaces' && <WorkspacePages workspaceId={route.workspaceId} />}
      {route.name === 'invite' && <WorkspacePages workspaceId={null} isInvite />}
      {route.name === 'notFound' && (
        <Notice
          title="Page not found"
          actions={
            <a className="button" href="/">
              Go to the home page
            </a>
          }
        >
          <p>
            There is nothing at this address. Check the link, or join with the code on the screen.
          </p>
        </Notice>
      )}
    </Suspense>
  );
}
