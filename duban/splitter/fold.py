"""Length-preserving folding of text for matching: traditional to simplified, full width to half.

Every character maps to exactly one character, so a position in the folded text is the
same position in the original: the splitter matches on the folded text and slices the
original. The traditional table is small and domain-bound (meetings, units, key areas);
characters it does not know are left as they are.
"""

from __future__ import annotations

# Pairs of (traditional, simplified), written as "繁简" couples separated by spaces.
_T2S_PAIRS = """
會会 議议 強强 調调 務务 須须 應应 當当 確确 嚴严 堅坚 決决 實实 參参 點点 長长 區区
鎮镇 社社 單单 門门 辦办 處处 員员 級级 縣县 業业 監监 衛卫 醫医 藥药 農农 運运 輸输
傳传 達达 學学 習习 觀观 聽听 彙汇 匯汇 報报 開开 來来 時时 間间 編编 輯辑 責责 聲声
權权 於于 為为 對对 與与 從从 這这 個个 們们 將将 進进 過过 還还 後后 裡里 裏里 關关
係系 聯联 體体 區区 題题 專专 項项 動动 總总 規规 劃划 計计 設设 備备 機机 構构 組组
織织 導导 領领 黨党 書书 記记 委委 幹干 寫写 錄录 證证 據据 齊齐 盡尽 緊紧 狠狠 抓抓
確确 保保 禁禁 準准 標标 違违 規规 範范 檢检 查查 隱隐 患患 險险 災灾 營营 經经 銷销
售售 產产 廠厂 礦矿 爐炉 壓压 電电 車车 輛辆 駕驾 駛驶 載载 漁渔 碼码 頭头 場场 館馆
賓宾 樂乐 園园 歲岁 兒儿 學学 校校 飲饮 藥药 氣气 燃燃 煙烟 爆爆 竹竹 災灾 澇涝 颱台
風风 汛汛 災灾 雜杂 積积 線线 負负 荷荷 寬宽 層层 築筑 築筑 腳脚 滅灭 護护 區区 掃扫
林林 陳陈 張张 劉刘 趙赵 楊杨 黃黄 吳吴 孫孙 鄭郑 馮冯 蔣蒋 許许 鄧邓 蕭萧 葉叶 盧卢
羅罗 謝谢 韓韩 顧顾 錢钱 鄒邹 嚴严 蘇苏 傅傅 東东 灣湾 華华 國国 門门 興兴 陽阳 隊队
稅税 財财 務务 資资 源源 環环 態态 質质 熱热 訊讯 網网 絡络 購购 價价 貨货 倉仓 庫库
儲储 運运 鐵铁 橋桥 樑梁 隧隧 際际 協协 調调 會会 議议 審审 頒颁 佈布 發发 現现 問问
處处 理理 罰罚 懲惩 戒戒 督督 辦办 結结 銷销 號号 週周 週周 歷历 曆历 節节 慶庆 舉举
辦办 參参 觀观 畫画 圖图 說说 話话 講讲 認认 識识 為为 讓让 請请 議议 論论 談谈 證证
試试 驗验 響响 應应 變变 險险 遠远 難难 離离 隨随 麼么 無无 夠够 帶带 幫帮 樣样 錯错
舊旧 屬属 轄辖 責责 內内 鄉乡 隸隶 濟济 濱滨 灘滩 溝沟 潛潜 灑洒 淚泪 渾浑 測测 滿满
漢汉 溫温 濕湿 澤泽 純纯 紀纪 約约 級级 細细 終终 給给 統统 絕绝 續续 維维 綜综 緩缓
練练 總总 繫系 縱纵 縮缩 績绩 繼继 續续 紅红 纖纤 範范 築筑 簡简 籌筹 節节 藝艺 藏藏
蔣蒋 薦荐 蘭兰 處处 號号 虛虚 蟲虫 術术 衛卫 衝冲 補补 裝装 製制 複复 覆覆 見见 規规
視视 覺觉 覽览 訂订 訓训 設设 許许 訴诉 診诊 詢询 該该 詳详 語语 誤误 誠诚 課课 調调
誰谁 課课 謀谋 謹谨 譜谱 護护 讀读 變变 貝贝 負负 貢贡 財财 責责 貫贯 貨货 販贩 貧贫
費费 貿贸 賀贺 資资 賊贼 賓宾 賠赔 賣卖 賴赖 購购 贊赞 趕赶 趨趋 躍跃 軍军 軌轨 軟软
較较 輕轻 輔辅 輪轮 轉转 辦办 農农 連连 週周 進进 運运 遊游 過过 達达 違违 遞递 邊边
適适 遲迟 選选 遺遗 還还 鄰邻 鄭郑 醫医 釋释 裡里 重重 量量 針针 鋼钢 錄录 鍋锅 鍵键
鎖锁 鏈链 鐘钟 長长 門门 閃闪 閉闭 開开 閒闲 間间 閘闸 閱阅 闊阔 關关 陣阵 陰阴 陳陈
陸陆 隊队 階阶 際际 隨随 險险 隱隐 雙双 雞鸡 離离 難难 電电 需需 靜静 面面 韓韩 頁页
頂顶 項项 順顺 預预 領领 頭头 頻频 題题 額额 顏颜 類类 顯显 風风 飛飞 飯饭 飲饮 館馆
馬马 駐驻 驗验 體体 髮发 鬥斗 魚鱼 鮮鲜 鳥鸟 鹽盐 麥麦 黃黄 點点 齊齐 齡龄 龍龙 團团
圍围 園园 圓圆 場场 塊块 壞坏 壩坝 壯壮 聲声 處处 備备 夾夹 奪夺 奮奋 婦妇 嬰婴 寧宁
寶宝 將将 專专 尋寻 導导 層层 屆届 岡冈 嶺岭 巖岩 幣币 帥帅 師师 帳帐 幹干 廣广 廳厅
廢废 廟庙 彈弹 彎弯 彙汇 徑径 從从 復复 徵征 態态 懷怀 戰战 戲戏 戶户 拋抛 挾挟 換换
損损 擁拥 擊击 擔担 據据 擴扩 擺摆 擾扰 攝摄 敗败 敵敌 數数 斷断 會会 條条 東东 棄弃
極极 構构 槍枪 樓楼 標标 樞枢 樹树 橫横 檔档 檢检 權权 歡欢 歸归 殘残 殺杀 毀毁 氣气
決决 沒没 溝沟 滅灭 漲涨 潔洁 濃浓 灣湾 災灾 為为 烏乌 無无 煉炼 煤煤 熱热 營营 燈灯
爐炉 牆墙 犧牺 獎奖 獨独 環环 現现 瑣琐 產产 畢毕 畫画 異异 當当 療疗 盡尽 監监 盤盘
確确 礎础 禍祸 禮礼 種种 稱称 穩稳 窮穷 竊窃 競竞 筆笔 築筑 糧粮 紙纸 組组 線线 緊紧
織织 罷罢 聖圣 聯联 聽听 職职 膽胆 臨临 興兴 舉举 艙舱 莊庄 華华 萬万 葉叶 蓋盖
蝕蚀 衆众 眾众 歐欧 態态 佈布 並并 亂乱 爭争 亞亚 來来 係系 倉仓 個个 們们 倫伦
偉伟 側侧 偵侦 備备 傷伤 傾倾 僅仅 價价 億亿 優优 兒儿 兩两 內内 冊册 凍冻 創创 劃划
劇剧 劑剂 勞劳 勢势 勵励 勸劝 區区 協协 卻却 廠厂 厲厉 參参 變变 後后 嗎吗 嚴严 囑嘱
誌志 嚮向 務务 緝缉 攤摊 濫滥 災灾 釀酿 鏟铲 鑑鉴 韌韧 鬧闹 漁渔 頓顿 擬拟 織织 範范
""".split()

_T2S = {pair[0]: pair[1] for pair in _T2S_PAIRS}
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE = str.maketrans({**{ord(t): s for t, s in _T2S.items()}, **_FULL_TO_HALF, 0x3000: " "})


def fold(text: str) -> str:
    """The text with traditional characters simplified and full-width forms made half-width.

    The result has the same length as the input, character for character.
    """
    return text.translate(_TABLE)
