package wecom

import "github.com/silenceper/wechat/v2/util"

func decryptWithRandom(receiveID, enc, key string) ([]byte, []byte, error) {
	return util.DecryptMsg(receiveID, enc, key)
}
