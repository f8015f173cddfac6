import { Stack } from '@mantine/core';
import { useSupportCalendar, useSupportSettings } from '../../api/support';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { CalendarEditor } from './calendar-editor';
import { DefaultsCard } from './defaults-card';
import { ProductTermsCard } from './product-terms-card';

/** Staff "Support settings" (S-1…S-5): credit defaults and VIP numbers, product terms, support hours. */
export function SupportSettingsPage() {
  const settings = useSupportSettings();
  const calendar = useSupportCalendar();
  return (
    <Stack>
      <PageTitle>Support settings</PageTitle>
      <ErrorAlert error={settings.error ?? calendar.error} />
      {settings.data && (
        <>
          <DefaultsCard defaults={settings.data.defaults} />
          <ProductTermsCard products={settings.data.products} />
        </>
      )}
      {calendar.data && <CalendarEditor calendar={calendar.data} />}
    </Stack>
  );
}
