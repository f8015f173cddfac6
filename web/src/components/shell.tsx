import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { IconChevronDown, IconUserCircle } from '@tabler/icons-react';
import { Link, useLocation, useNavigate } from 'react-router';
import { type Me, useLogOut } from '../api/auth';
import { roleLabels } from '../labels';
import { useSectionsOf } from '../sections';

interface ShellProps {
  me: Me;
  title: string;
  userMenu?: { label: string; path: string }[];
  loginPath: string;
  children: ReactNode;
}

/** The frame of every signed-in page: header with the person's menu, navbar with their sections. */
export function Shell({ me, title, userMenu = [], loginPath, children }: ShellProps) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const logOut = useLogOut();
  const entries = useSectionsOf(me.sections);
  const isActive = (path: string) =>
    path === '/' || path === '/staff' ? location.pathname === path : location.pathname.startsWith(path);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        {/* On a phone a long company or person name is cut with an ellipsis, never pushed off-screen. */}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} truncate="end" title={title}>
              {title}
            </Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="Account menu" miw={0} maw="50%">
                <Group gap={6} wrap="nowrap">
                  <IconUserCircle size={22} stroke={1.6} aria-hidden />
                  <Text size="sm" fw={500} truncate="end" visibleFrom="xs">
                    {me.name}{' '}
                    <Text span c="dimmed" size="xs">
                      ({roleLabels[me.role] ?? me.role})
                    </Text>
                  </Text>
                  <IconChevronDown size={14} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                {me.name} · {me.email}
              </Menu.Label>
              {userMenu.map((item) => (
                <Menu.Item key={item.path} component={Link} to={item.path}>
                  {item.label}
                </Menu.Item>
              ))}
              <Menu.Item
                color="red"
                onClick={async () => {
                  await logOut();
                  navigate(loginPath);
                }}
              >
                Log out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {entries.map((s) => (
          <NavLink
            key={s.path}
            component={Link}
            to={s.path}
            label={s.label}
            leftSection={s.icon}
            active={isActive(s.path)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
