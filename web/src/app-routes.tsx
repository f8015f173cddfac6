import { Fragment } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import type { Me } from './api/auth';
import { RequireProfile, RequireStaff } from './auth';
import { NotFound } from './components/not-found';
import { Shell } from './components/shell';
import { setViewerTimeZone, viewerTimeZone } from './format';
import { modules } from './modules';
import { type Section, SectionsContext } from './sections';
import type { ModuleRoutes, PageRoute } from './web-module';
import { ChatLauncher } from './routes/chat';

/**
 * The pages of a signed-in frame, with every time in the person's own zone (S-5, issue 11): the zone
 * is set before the pages render, and a new zone (saved on the profile or settings page) renders them
 * afresh, keyed by it, so no page keeps times formatted in the old one.
 */
function Pages({ me }: { me: Me }) {
  setViewerTimeZone(me.timeZone);
  return (
    <Fragment key={viewerTimeZone()}>
      <Outlet context={me} />
    </Fragment>
  );
}

/** The customer portal's frame: signed-in profiles only, with their sections. */
function PortalLayout() {
  return (
    <RequireProfile>
      {(me) => (
        <Shell
          me={me}
          title={me.company?.name ?? 'Clientele'}
          loginPath="/login"
          userMenu={[
            { label: 'My profile', path: '/me' },
            { label: 'Company', path: '/company' },
          ]}
        >
          <Pages me={me} />
          {/* S-4: "Chat with support" on every portal page, for customers of a VIP company only. */}
          {me.permissions.includes('tickets.use') && <ChatLauncher />}
        </Shell>
      )}
    </RequireProfile>
  );
}

/** The vendor's staff console: signed-in staff only. */
function StaffLayout() {
  return (
    <RequireStaff>
      {(me) => (
        <Shell
          me={me}
          title="Clientele staff console"
          loginPath="/staff/login"
          userMenu={[{ label: 'My settings', path: '/staff/me' }]}
        >
          <Pages me={me} />
        </Shell>
      )}
    </RequireStaff>
  );
}

const sections: Record<string, Section> = Object.assign({}, ...modules.map((m) => m.sections ?? {}));

/** The <Route>s of every module's pages in one frame. */
function pages(frame: keyof ModuleRoutes) {
  return modules
    .flatMap((m): PageRoute[] => m.routes[frame] ?? [])
    .map((r) =>
      'index' in r ? (
        <Route key="(index)" index element={r.element} />
      ) : (
        <Route key={r.path} path={r.path} element={r.element} />
      ),
    );
}

export function AppRoutes() {
  return (
    <SectionsContext.Provider value={sections}>
      <Routes>
        {pages('public')}
        <Route path="/staff" element={<StaffLayout />}>
          {pages('staff')}
          <Route path="*" element={<NotFound />} />
        </Route>
        {/* An unknown address: inside the portal's frame, so an anonymous visitor logs in first. */}
        <Route element={<PortalLayout />}>
          {pages('portal')}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SectionsContext.Provider>
  );
}
