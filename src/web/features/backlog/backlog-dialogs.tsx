import { useQueryClient } from '@tanstack/react-query';
import type { Item } from '#contracts/items.ts';
import { useProduct } from '#web/app/product-context.tsx';
import { CreateItemDialog } from './create-item-dialog.tsx';
import { ImportWizard } from './import-wizard.tsx';
import { backlogKeys } from './items-api.ts';
import { appendToPages, type ListData } from './list-cache.ts';
import { WsjfDialog } from './wsjf-dialog.tsx';

export type DialogName = 'create' | 'wsjf' | 'import';

/** The backlog's modal dialogs; a created item is added to the list and opened. */
export function BacklogDialogs({
  name,
  onClose,
  onCreated,
  listKey,
}: {
  name: DialogName | null;
  onClose: () => void;
  onCreated: (item: Item) => void;
  listKey: readonly unknown[];
}) {
  const product = useProduct();
  const qc = useQueryClient();
  if (name === 'create')
    return (
      <CreateItemDialog
        onClose={onClose}
        onCreated={(item) => {
          const data = qc.getQueryData<ListData>(listKey);
          if (data) qc.setQueryData<ListData>(listKey, appendToPages(data, item));
          void qc.invalidateQueries({ queryKey: backlogKeys.all(product.id), refetchType: 'none' });
          onClose();
          onCreated(item);
        }}
      />
    );
  if (name === 'wsjf') return <WsjfDialog onClose={onClose} />;
  if (name === 'import') return <ImportWizard onClose={onClose} />;
  return null;
}
