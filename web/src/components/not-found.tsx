import { Anchor, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { PageTitle } from './page-title';

/**
 * What a page shows for an address that leads nowhere: an unknown path, or a ticket, license or
 * company the API answers 404 for. One heading, one line, a way home (portal or staff console).
 */
export function NotFound({ what = 'This page' }: { what?: string }) {
  const staff = useLocation().pathname.startsWith('/staff');
  return (
    <Stack gap="sm" maw={560}>
      <PageTitle>Page not found</PageTitle>
      <Text>
        {what} does not exist, was removed, or you have no access to it. Check the address, or start again from the home
        page.
      </Text>
      <Anchor component={Link} to={staff ? '/staff' : '/'} w="fit-content">
        {staff ? 'Go to the staff overview' : 'Go to the home page'}
      </Anchor>
    </Stack>
  );
}
