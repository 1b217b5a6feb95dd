import { render } from 'preact';
import { localizePage } from '../../components/i18n';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/theme.css';

localizePage('optionsTitle');

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
