import { mountPage } from '../../components/common/mount';
import { OptionsApp } from '../../components/options/OptionsApp';

mountPage(<OptionsApp />);
