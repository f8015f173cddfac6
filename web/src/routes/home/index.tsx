import { IconHome } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { HomePage } from './home-page';

const Home = withMe(HomePage);

export const routes: ModuleRoutes = {
  portal: [{ path: '/', element: <Home /> }],
};

export const sections: Record<string, Section> = {
  home: { label: 'Home', path: '/', icon: <IconHome {...iconProps} /> },
};
