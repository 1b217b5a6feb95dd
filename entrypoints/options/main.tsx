import { render } from 'preact';
import { localizePage } from '../../components/i18n';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/theme.css';
import '../../components/options/options.css';

localizePage('optionsTitle');

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
