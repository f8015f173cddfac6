import { IconUsers } from '@tabler/icons-react';
import { iconProps, type Section } from '../../sections';
import { type ModuleRoutes, withMe } from '../../web-module';
import { CompanyPage } from './company-page';
import { EditProfilePage } from './edit-profile-page';
import { MyProfilePage } from './my-profile-page';
import { NewProfilePage } from './new-profile-page';
import { ProfilesPage } from './profiles-page';

const Profiles = withMe(ProfilesPage);
const EditProfile = withMe(EditProfilePage);
const MyProfile = withMe(MyProfilePage);
const CompanyProfile = withMe(CompanyPage);

export const routes: ModuleRoutes = {
  portal: [
    { path: '/profiles', element: <Profiles /> },
    { path: '/profiles/new', element: <NewProfilePage /> },
    { path: '/profiles/:id', element: <EditProfile /> },
    { path: '/me', element: <MyProfile /> },
    { path: '/company', element: <CompanyProfile /> },
  ],
};

export const sections: Record<string, Section> = {
  profiles: { label: 'Profiles', path: '/profiles', icon: <IconUsers {...iconProps} /> },
};
