import type { ComponentProps } from 'preact';
import type { VaultGate as VaultGateView } from '../PasswordForm';
import type { AccountDetail as AccountDetailView } from './AccountDetail';
import type { AddAccount as AddAccountView } from './AddAccount';
import type { BindOffer as BindOfferView } from './BindOffer';
import type { EnrollCard as EnrollCardView } from './EnrollCard';
import { Lazy, Loader } from './lazy';
import type { PortalEntry as PortalEntryView } from './portal/PortalEntry';
import type { RecoveryKeys as RecoveryKeysView } from './RecoveryKeys';
import type { ScanPick as ScanPickView } from './ScanPick';
import type { Security as SecurityView } from './Security';

// Everything the popup shows besides the list and its header, loaded when first shown (see Lazy).
const loaders = {
  vaultGate: new Loader(() => import('../PasswordForm').then((m) => m.VaultGate)),
  accountDetail: new Loader(() => import('./AccountDetail').then((m) => m.AccountDetail)),
  addAccount: new Loader(() => import('./AddAccount').then((m) => m.AddAccount)),
  backupDue: new Loader(() => import('./BackupDueBanner').then((m) => m.BackupDueBanner)),
  bindOffer: new Loader(() => import('./BindOffer').then((m) => m.BindOffer)),
  enrollCard: new Loader(() => import('./EnrollCard').then((m) => m.EnrollCard)),
  portalEntry: new Loader(() => import('./portal/PortalEntry').then((m) => m.PortalEntry)),
  recoveryKeys: new Loader(() => import('./RecoveryKeys').then((m) => m.RecoveryKeys)),
  scanPick: new Loader(() => import('./ScanPick').then((m) => m.ScanPick)),
  security: new Loader(() => import('./Security').then((m) => m.Security)),
};

export const VaultGate = (props: ComponentProps<typeof VaultGateView>) => (
  <Lazy loader={loaders.vaultGate} props={props} />
);
export const AccountDetail = (props: ComponentProps<typeof AccountDetailView>) => (
  <Lazy loader={loaders.accountDetail} props={props} />
);
export const AddAccount = (props: ComponentProps<typeof AddAccountView>) => (
  <Lazy loader={loaders.addAccount} props={props} />
);
export const BackupDueBanner = () => <Lazy loader={loaders.backupDue} props={{}} />;
export const BindOffer = (props: ComponentProps<typeof BindOfferView>) => (
  <Lazy loader={loaders.bindOffer} props={props} />
);
export const EnrollCard = (props: ComponentProps<typeof EnrollCardView>) => (
  <Lazy loader={loaders.enrollCard} props={props} />
);
export const PortalEntry = (props: ComponentProps<typeof PortalEntryView>) => (
  <Lazy loader={loaders.portalEntry} props={props} />
);
export const RecoveryKeys = (props: ComponentProps<typeof RecoveryKeysView>) => (
  <Lazy loader={loaders.recoveryKeys} props={props} />
);
export const ScanPick = (props: ComponentProps<typeof ScanPickView>) => (
  <Lazy loader={loaders.scanPick} props={props} />
);
export const Security = (props: ComponentProps<typeof SecurityView>) => (
  <Lazy loader={loaders.security} props={props} />
);

/** Fetches every view's code once the first screen is up, so opening one later is instant. */
export function preloadViews(): void {
  for (const loader of Object.values(loaders)) void loader.preload();
}
