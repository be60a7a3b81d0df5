import { mountPage } from '../../components/common/mount';
import { PopupApp } from '../../components/popup/PopupApp';

mountPage(<PopupApp />);
