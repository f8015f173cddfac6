import { Navigate, Outlet, Route, Routes } from 'react-router';
import { RequireProfile, RequireStaff } from './auth';
import { Shell } from './components/shell';
import { modules } from './modules';
import { type Section, SectionsContext } from './sections';
import type { ModuleRoutes, PageRoute } from './web-module';

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
          <Outlet context={me} />
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
        <Shell me={me} title="Clientele staff console" loginPath="/staff/login">
          <Outlet context={me} />
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
        <Route element={<PortalLayout />}>{pages('portal')}</Route>
        <Route path="/staff" element={<StaffLayout />}>
          {pages('staff')}
          <Route path="*" element={<Navigate to="/staff" replace />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </SectionsContext.Provider>
  );
}
